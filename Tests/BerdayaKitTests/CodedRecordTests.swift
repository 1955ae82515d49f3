import Foundation
import GRDB
import Testing
@testable import BerdayaKit

/// Every record named by a code is found the same way: spaces around the code ignored, letters
/// in any case, and an unknown code refused with that record's own error.
@Suite struct CodedRecordTests {
    @Test func aCodeIsFoundAsPeopleTypeItForEveryKindOfRecord() throws {
        let fixture = try Fixture()
        try fixture.addSites()
        let survivor = try Registry.register(sampleRegistration(), in: fixture.workspace)
        let database = fixture.workspace.database
        #expect(try database.read { try Site.require(code: "  kbm ", in: $0) }.code == "KBM")
        #expect(try database.read { try Survivor.require(code: " \(survivor.lowercased())", in: $0) }.code == survivor)
    }

    @Test func anUnknownCodeIsRefusedWithItsRecordsOwnError() throws {
        let fixture = try Fixture()
        let database = fixture.workspace.database
        #expect(throws: ParticipantsError.unknownSite(code: "XYZ")) { try database.read { try Site.require(code: "XYZ", in: $0) } }
        #expect(throws: FundingError.unknownFund("NOPE")) { try database.read { try Fund.require(code: "NOPE", in: $0) } }
        #expect(throws: CohortsError.unknownCohort(code: "c-1")) { try database.read { try Cohort.require(code: "c-1", in: $0) } }
        #expect(throws: EnterpriseError.unknownBusiness(" b ")) { try database.read { try Business.require(code: " b ", in: $0) } }
    }
}
