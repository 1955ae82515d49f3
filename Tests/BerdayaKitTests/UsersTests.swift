import Foundation
import Testing
@testable import BerdayaKit

@Suite struct UsersTests {
    @Test func badAccountsAreRefusedAndChangeNothing() throws {
        var fixture = try Fixture()
        // The first user must be an admin.
        let first = try fixture.expectRefusalChangesNothing { w in
            try Users.add(username: "bu.endah", password: "kata-sandi-panjang", role: .officer, cost: 4, in: w)
        }
        #expect(first as? UsersError == .firstUserMustBeAdmin)
        try Users.add(username: "admin", password: "kata-sandi-admin", role: .admin, cost: 4, in: fixture.workspace)
        let refusals: [(UsersError, (Workspace) throws -> Void)] = [
            (.weakPassword, { try Users.add(username: "bu.endah", password: "pendek", role: .officer, cost: 4, in: $0) }),
            (.badUsername("Bu Endah"), { try Users.add(username: "Bu Endah", password: "kata-sandi-panjang", role: .officer, cost: 4, in: $0) }),
            (.usernameTaken("admin"), { try Users.add(username: "ADMIN", password: "kata-sandi-panjang", role: .viewer, cost: 4, in: $0) }),
        ]
        for (expected, refusal) in refusals {
            let error = try fixture.expectRefusalChangesNothing(refusal)
            #expect(error as? UsersError == expected)
        }
        #expect(try Users.list(in: fixture.workspace).map(\.username) == ["admin"])
    }

    @Test func aSecondUseOfAFormTokenRollsBackItsBooking() throws {
        let fixture = try Fixture()
        let admin = try Users.add(username: "admin", password: "kata-sandi-admin", role: .admin, cost: 4, in: fixture.workspace)
        func book(_ token: String, site: String) throws {
            let claimed = fixture.workspace.claiming(Users.formClaim(token, userId: admin.id!, now: 1))
            try Sites.add(code: site, name: site, province: nil, regency: nil, in: claimed)
        }
        try book("token-1", site: "KBM")
        #expect(throws: UsersError.formAlreadySent) { try book("token-1", site: "MDN") }
        #expect(try Sites.list(in: fixture.workspace).count == 1, "the refused second use booked nothing")
    }

    @Test func aFormClaimRidesOnlyInTheWorkspaceItWasGivenTo() throws {
        let fixture = try Fixture()
        let admin = try Users.add(username: "admin", password: "kata-sandi-admin", role: .admin, cost: 4, in: fixture.workspace)
        let claimed = fixture.workspace.claiming(Users.formClaim("token-1", userId: admin.id!, now: 1))
        // A write through the plain workspace, while the claimed one exists, spends no token.
        try Sites.add(code: "KBM", name: "Kebumen", province: nil, regency: nil, in: fixture.workspace)
        try Sites.add(code: "MDN", name: "Medan", province: nil, regency: nil, in: claimed)
        // The claim ran once, in that first write: a second write through the same handle books.
        try Sites.add(code: "JBR", name: "Jember", province: nil, regency: nil, in: claimed)
        let again = fixture.workspace.claiming(Users.formClaim("token-1", userId: admin.id!, now: 2))
        #expect(throws: UsersError.formAlreadySent) {
            try Sites.add(code: "SMG", name: "Semarang", province: nil, regency: nil, in: again)
        }
        #expect(try Sites.list(in: fixture.workspace).map(\.code).sorted() == ["JBR", "KBM", "MDN"])
    }
}
