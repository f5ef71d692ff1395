import Foundation

/// An SVG line chart of miss ratio against cache size, one line per policy.
///
/// The x axis is logarithmic when the capacities span a factor of 10 or more, otherwise linear; the y axis
/// runs from 0 to the next tenth above the largest ratio. A series marked `dashed` is drawn dashed (the
/// OPT bound).
struct MissRatioChart {
    struct Series {
        var name: String
        /// (capacity, miss ratio), any order.
        var points: [(x: Double, y: Double)]
        var dashed: Bool
    }

    var title: String
    var xLabel: String
    var series: [Series]
    /// Tick labels by capacity value.
    var tickLabels: [Double: String]

    private static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"]
    private static let width = 760.0
    private static let height = 420.0
    private static let left = 64.0
    private static let right = 190.0
    private static let top = 40.0
    private static let bottom = 56.0

    func svg() -> String {
        let xs = series.flatMap { $0.points.map(\.x) }
        let ys = series.flatMap { $0.points.map(\.y) }
        guard let minX = xs.min(), let maxX = xs.max(), let maxY = ys.max() else {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.width)\" height=\"60\"><text x=\"10\" y=\"30\">No data</text></svg>"
        }
        let logarithmic = minX > 0 && maxX / minX >= 10
        let yTop = min(1, max(0.1, (maxY * 10).rounded(.up) / 10))
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        func xPosition(_ x: Double) -> Double {
            guard maxX > minX else { return Self.left + plotWidth / 2 }
            let share = logarithmic ? (log10(x) - log10(minX)) / (log10(maxX) - log10(minX)) : (x - minX) / (maxX - minX)
            return Self.left + share * plotWidth
        }
        func yPosition(_ y: Double) -> Double { Self.top + (1 - y / yTop) * plotHeight }

        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" "
                + "width=\"\(Int(Self.width))\" height=\"\(Int(Self.height))\" font-family=\"sans-serif\" font-size=\"12\">",
            "<text x=\"\(Int(Self.left))\" y=\"22\" font-size=\"15\" font-weight=\"bold\">\(HTML.escape(title))</text>",
        ]
        let steps = Int((yTop / 0.1).rounded())
        for step in 0...steps {
            let value = Double(step) * 0.1
            let y = format(yPosition(value))
            svg.append("<line x1=\"\(format(Self.left))\" x2=\"\(format(Self.left + plotWidth))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#e4e4e4\"/>")
            svg.append("<text x=\"\(format(Self.left - 8))\" y=\"\(y)\" text-anchor=\"end\" dy=\"4\">\(ByteCount.decimals(value, 1))</text>")
        }
        for x in Set(xs).sorted() {
            let position = format(xPosition(x))
            let label = tickLabels[x] ?? ByteCount.decimals(x, 0)
            svg.append(
                "<line x1=\"\(position)\" x2=\"\(position)\" y1=\"\(format(Self.top))\" y2=\"\(format(Self.top + plotHeight))\" stroke=\"#f0f0f0\"/>"
            )
            svg.append("<text x=\"\(position)\" y=\"\(format(Self.top + plotHeight + 18))\" text-anchor=\"middle\">\(HTML.escape(label))</text>")
        }
        svg.append(
            "<rect x=\"\(format(Self.left))\" y=\"\(format(Self.top))\" width=\"\(format(plotWidth))\" height=\"\(format(plotHeight))\" "
                + "fill=\"none\" stroke=\"#888\"/>"
        )
        svg.append(
            "<text x=\"\(format(Self.left + plotWidth / 2))\" y=\"\(format(Self.height - 12))\" text-anchor=\"middle\">"
                + "\(HTML.escape(xLabel))\(logarithmic ? " (log scale)" : "")</text>"
        )
        svg.append(
            "<text transform=\"translate(16 \(format(Self.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">miss ratio</text>"
        )
        for (index, line) in series.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            let points = line.points.sorted { $0.x < $1.x }.map { "\(format(xPosition($0.x))),\(format(yPosition($0.y)))" }
            let dash = line.dashed ? " stroke-dasharray=\"7 5\"" : ""
            if points.count > 1 {
                svg.append("<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash) points=\"\(points.joined(separator: " "))\"/>")
            }
            for point in points {
                let coordinates = point.split(separator: ",")
                svg.append("<circle cx=\"\(coordinates[0])\" cy=\"\(coordinates[1])\" r=\"3.5\" fill=\"\(color)\"/>")
            }
            let legendY = format(Self.top + 8 + Double(index) * 20)
            let legendX = Self.left + plotWidth + 16
            svg.append(
                "<line x1=\"\(format(legendX))\" x2=\"\(format(legendX + 24))\" y1=\"\(legendY)\" y2=\"\(legendY)\" "
                    + "stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>"
            )
            svg.append("<text x=\"\(format(legendX + 30))\" y=\"\(legendY)\" dy=\"4\">\(HTML.escape(line.name))</text>")
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    private func format(_ value: Double) -> String { ByteCount.decimals(value, 1) }

    private func log10(_ value: Double) -> Double { Foundation.log10(value) }
}
