/// Okabe and Ito's palette: eight colours told apart with every common colour-vision deficiency.
enum ChartPalette {
    static let colours = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

    static func colour(_ index: Int) -> String { colours[index % colours.count] }
}
