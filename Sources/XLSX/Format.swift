import CXlsxWriter

/// What a cell looks like, as a value: equal specs share one format in the workbook.
public struct FormatSpec: Hashable, Sendable {
    /// Horizontal alignment; general is the spreadsheet's own (text left, numbers right).
    public enum Alignment: Hashable, Sendable { case general, left, center, right }
    /// The weight of a cell's border.
    public enum Border: Hashable, Sendable { case none, thin, medium }

    public var numberFormat: String?
    public var bold = false
    public var italic = false
    public var fontSize: Double?
    /// RGB, e.g. 0x1F4E79.
    public var fontColor: UInt32?
    public var fill: UInt32?
    public var border: Border = .none
    public var bottomBorder: Border = .none
    public var topBorder: Border = .none
    public var wrap = false
    public var alignment: Alignment = .general
    public var verticalCenter = false
    /// Text at the top of a tall cell (a wrapped note), rather than the bottom.
    public var verticalTop = false
    /// Indentation from the aligned edge, in steps of about one character.
    public var indent = 0

    /// Every attribute optional, defaulting to the spreadsheet's plain cell.
    public init(numberFormat: String? = nil, bold: Bool = false, italic: Bool = false, fontSize: Double? = nil,
                fontColor: UInt32? = nil, fill: UInt32? = nil, border: Border = .none, bottomBorder: Border = .none,
                topBorder: Border = .none, wrap: Bool = false, alignment: Alignment = .general, verticalCenter: Bool = false,
                indent: Int = 0, verticalTop: Bool = false) {
        self.numberFormat = numberFormat
        self.bold = bold
        self.italic = italic
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.fill = fill
        self.border = border
        self.bottomBorder = bottomBorder
        self.topBorder = topBorder
        self.wrap = wrap
        self.alignment = alignment
        self.verticalCenter = verticalCenter
        self.indent = indent
        self.verticalTop = verticalTop
    }
}

/// A format made by the workbook; it lives as long as the workbook.
public final class Format {
    let handle: UnsafeMutablePointer<lxw_format>

    init(_ handle: UnsafeMutablePointer<lxw_format>, spec: FormatSpec) {
        self.handle = handle
        if let numberFormat = spec.numberFormat { numberFormat.withCString { format_set_num_format(handle, $0) } }
        if spec.bold { format_set_bold(handle) }
        if spec.italic { format_set_italic(handle) }
        if let size = spec.fontSize { format_set_font_size(handle, size) }
        if let color = spec.fontColor { format_set_font_color(handle, lxw_color_t(color)) }
        if let fill = spec.fill {
            format_set_pattern(handle, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(handle, lxw_color_t(fill))
        }
        func style(_ border: FormatSpec.Border) -> UInt8 {
            switch border {
            case .none: UInt8(LXW_BORDER_NONE.rawValue)
            case .thin: UInt8(LXW_BORDER_THIN.rawValue)
            case .medium: UInt8(LXW_BORDER_MEDIUM.rawValue)
            }
        }
        if spec.border != .none { format_set_border(handle, style(spec.border)) }
        if spec.bottomBorder != .none { format_set_bottom(handle, style(spec.bottomBorder)) }
        if spec.topBorder != .none { format_set_top(handle, style(spec.topBorder)) }
        if spec.wrap { format_set_text_wrap(handle) }
        switch spec.alignment {
        case .general: break
        case .left: format_set_align(handle, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(handle, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(handle, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        if spec.verticalCenter { format_set_align(handle, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue)) }
        if spec.verticalTop { format_set_align(handle, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
        if spec.indent > 0 { format_set_indent(handle, UInt8(min(spec.indent, 15))) }
    }
}
