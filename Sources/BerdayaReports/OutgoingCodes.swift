import BerdayaKit
import Foundation

extension Datasets {
    /// The audience of the workbook whose datasets are being read. Outside a workbook it is
    /// unknown, and rows are treated as leaving: the safe side.
    @TaskLocal static var audience: Audience?

    /// How row-level datasets show a survivor: internal workbooks keep her internal code;
    /// rows that leave carry the code of the funder of the row's fund (`FunderCode`), so two
    /// funders' workbooks cannot be joined on it, nor joined to an internal register.
    struct OutgoingCodes {
        let books: FunderCodeBooks?

        init(_ workspace: Workspace) {
            books = Datasets.audience == .internal ? nil : FunderCodeBooks(workspace: workspace)
        }

        func code(_ survivorCode: String, fund: String) throws -> String {
            try books?.code(survivorCode, fund: fund) ?? survivorCode
        }
    }
}
