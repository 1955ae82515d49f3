import CXlsxWriter
import Foundation

/// A libxlsxwriter failure, with the library's own message.
public struct XLSXError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libxlsxwriter's error number; -1 for a failure found by this wrapper.
    public let code: Int
    /// The library's description of the error (or the wrapper's).
    public let message: String
    /// What was being written: the file, a sheet, or a cell such as `Sheet1!B3`.
    public let context: String

    init(_ error: lxw_error, _ context: String) {
        code = Int(error.rawValue)
        message = String(cString: lxw_strerror(error))
        self.context = context
    }

    init(message: String, context: String) {
        code = -1
        self.message = message
        self.context = context
    }

    public var description: String { "\(context): \(message)" }
}

func check(_ error: lxw_error, _ context: @autoclosure () -> String) throws {
    guard error == LXW_NO_ERROR else { throw XLSXError(error, context()) }
}

/// An .xlsx file being written. Everything goes to a temporary file beside the destination;
/// `close()` moves it into place only when the library finished it, so a failure never leaves
/// a half-written workbook where the reader expects one.
public final class Workbook {
    /// The document properties a spreadsheet shows in its file information; nil leaves one unset.
    public struct Properties: Sendable {
        public var title: String?
        public var subject: String?
        public var author: String?
        public var company: String?
        public var comments: String?
        public var keywords: String?

        /// Any property may be left out.
        public init(title: String? = nil, subject: String? = nil, author: String? = nil, company: String? = nil,
                    comments: String? = nil, keywords: String? = nil) {
            self.title = title
            self.subject = subject
            self.author = author
            self.company = company
            self.comments = comments
            self.keywords = keywords
        }
    }

    /// Where `close()` puts the finished file.
    public let destination: String
    let temporary: String
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [FormatSpec: Format] = [:]
    private var sheets: [Worksheet] = []
    /// Whether rows are flushed to disk as they are written (see `init(path:constantMemory:)`).
    public let constantMemory: Bool

    /// Starts a workbook for `path`. In constant-memory mode each sheet's rows are flushed to
    /// disk as soon as a later row is written: rows must be written in order, and merged
    /// cells are not available.
    public init(path: String, constantMemory: Bool = false) throws {
        destination = path
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(ProcessInfo.processInfo.processIdentifier).partial"
        self.constantMemory = constantMemory
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        options.use_zip64 = 1
        // Private to its owner while being written: the caller decides who may read it once
        // it is in place. libxlsxwriter truncates the file and keeps its mode. A folder that
        // cannot be written is left for close() to report, with the library's reason.
        let fd = Foundation.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if fd >= 0 {
            fchmod(fd, 0o600)
            Foundation.close(fd)
        }
        let tmpdir = strdup(NSTemporaryDirectory())
        defer { free(tmpdir) }
        options.tmpdir = tmpdir
        handle = temporary.withCString { workbook_new_opt($0, &options) }
        guard handle != nil else { throw XLSXError(message: "cannot start a workbook", context: path) }
    }

    deinit {
        // A workbook dropped without close() is abandoned: free it and leave nothing behind.
        if let handle {
            lxw_workbook_free(handle)
            unlink(temporary)
        }
    }

    /// A new sheet named `name` with the characters Excel forbids replaced and cut to 31
    /// characters; refuses a name already taken, and refuses any once the workbook is closed.
    public func addWorksheet(_ name: String) throws -> Worksheet {
        guard let handle else { throw XLSXError(message: "workbook already closed", context: destination) }
        let clean = Workbook.sheetName(name)
        try clean.withCString { try check(workbook_validate_sheet_name(handle, $0), "sheet '\(clean)'") }
        guard let sheet = clean.withCString({ workbook_add_worksheet(handle, $0) }) else {
            throw XLSXError(message: "cannot add sheet", context: clean)
        }
        let worksheet = Worksheet(sheet, name: clean, workbook: self)
        sheets.append(worksheet)
        return worksheet
    }

    /// The format for `spec`, made once per workbook however often it is asked for.
    public func format(_ spec: FormatSpec) -> Format {
        if let known = formats[spec] { return known }
        let format = Format(workbook_add_format(handle), spec: spec)
        formats[spec] = format
        return format
    }

    /// A new chart, shown once inserted into a worksheet.
    public func addChart(_ kind: ChartKind) throws -> Chart {
        guard let chart = workbook_add_chart(handle, kind.lxw) else {
            throw XLSXError(message: "cannot add chart", context: destination)
        }
        return Chart(chart, kind: kind)
    }

    /// Sets the document properties; the library copies every string before this returns.
    public func setProperties(_ properties: Properties) throws {
        var kept: [UnsafeMutablePointer<CChar>?] = []
        defer { kept.forEach { free($0) } }
        func c(_ text: String?) -> UnsafeMutablePointer<CChar>? {
            guard let text else { return nil }
            let pointer = strdup(text)
            kept.append(pointer)
            return pointer
        }
        var props = lxw_doc_properties()
        props.title = c(properties.title)
        props.subject = c(properties.subject)
        props.author = c(properties.author)
        props.company = c(properties.company)
        props.comments = c(properties.comments)
        props.keywords = c(properties.keywords)
        // libxlsxwriter copies every string before this returns.
        try check(workbook_set_properties(handle, &props), "document properties")
    }

    /// Writes the file and moves it to its destination.
    public func close() throws {
        guard let workbook = handle else { return }
        handle = nil
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else {
            unlink(temporary)
            throw XLSXError(result, destination)
        }
        guard rename(temporary, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw XLSXError(message: reason, context: destination)
        }
    }

    /// Excel's rules for sheet names: at most 31 characters, none of []:*?/\.
    public static func sheetName(_ name: String) -> String {
        let forbidden = Set("[]:*?/\\")
        let cleaned = String(name.map { forbidden.contains($0) ? "-" : $0 }).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        return String(cleaned.prefix(31))
    }
}
