import CXlsxWriter

/// The kinds of chart templates may ask for.
public enum ChartKind: String, Sendable, CaseIterable, Codable {
    case column, bar, line, pie

    var lxw: UInt8 {
        switch self {
        case .column: UInt8(LXW_CHART_COLUMN.rawValue)
        case .bar: UInt8(LXW_CHART_BAR.rawValue)
        case .line: UInt8(LXW_CHART_LINE.rawValue)
        case .pie: UInt8(LXW_CHART_PIE.rawValue)
        }
    }
}

/// A chart owned by its workbook. Strings passed in are copied by the library at once.
public final class Chart {
    let handle: UnsafeMutablePointer<lxw_chart>
    public let kind: ChartKind

    init(_ handle: UnsafeMutablePointer<lxw_chart>, kind: ChartKind) {
        self.handle = handle
        self.kind = kind
    }

    /// The title shown above the chart.
    public func setTitle(_ title: String) {
        title.withCString { chart_title_set_name(handle, $0) }
    }

    /// A series from ranges such as `='Sales'!$A$2:$A$13`.
    public func addSeries(name: String?, categories: String, values: String) throws {
        guard let series = categories.withCString({ cats in values.withCString { chart_add_series(handle, cats, $0) } }) else {
            throw XLSXError(message: "cannot add series", context: values)
        }
        if let name { name.withCString { chart_series_set_name(series, $0) } }
    }

    /// The number format of the axis that carries the values (the horizontal one of a bar
    /// chart, the vertical one otherwise), e.g. `#,##0` so 70000000 reads 70,000,000.
    public func setValueAxisNumberFormat(_ format: String) {
        guard kind != .pie, let axis = kind == .bar ? handle.pointee.x_axis : handle.pointee.y_axis else { return }
        format.withCString { chart_axis_set_num_format(axis, $0) }
    }

    /// The number format of the category axis, for categories that are dates (`mmm yyyy`).
    public func setCategoryAxisNumberFormat(_ format: String) {
        guard kind != .pie, let axis = kind == .bar ? handle.pointee.y_axis : handle.pointee.x_axis else { return }
        format.withCString { chart_axis_set_num_format(axis, $0) }
    }

    /// Puts the legend under the plot area.
    public func legendAtBottom() { chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue)) }
    /// Shows no legend (a chart of one series needs none).
    public func hideLegend() { chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_NONE.rawValue)) }
}
