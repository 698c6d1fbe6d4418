import Foundation
import Testing
import TouchpointJSON
import TouchpointScore

/// Measures `SentimentAnalyzer` on the labelled evaluation set (Fixtures/README.md): every 5th message is the
/// held-out split, never used for tuning. Floors are set a little under the figures reached (docs/BENCHMARKS.md).
@Suite struct SentimentEvaluationTests {
    struct Sample {
        var text: String
        var label: String
        var score: Double
    }

    struct Figures: CustomStringConvertible {
        var accuracy: Double
        var macroF1: Double
        var correlation: Double
        var neutralShare: Double
        var trueNeutralShare: Double
        var description: String {
            String(
                format: "accuracy %.3f, macro-F1 %.3f, Pearson r %.3f, neutral share %.3f (true %.3f)", accuracy,
                macroF1, correlation, neutralShare, trueNeutralShare)
        }
    }

    static let samples: [Sample] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/sentiment-eval.ndjson")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONParser.parseValue(String(line)).objectValue,
                let text = object["text"]?.stringValue, let label = object["label"]?.stringValue,
                let score = object["score"]?.doubleValue
            else { return nil }
            return Sample(text: text, label: label, score: score)
        }
    }()

    static func label(_ score: Double) -> String { score < -0.15 ? "negative" : score > 0.15 ? "positive" : "neutral" }

    static func measure(_ samples: [Sample]) -> Figures {
        let predicted = samples.map { SentimentAnalyzer.score($0.text) }
        let labels = predicted.map(label)
        let accuracy = Double(zip(labels, samples).filter { $0 == $1.label }.count) / Double(samples.count)
        var f1s: [Double] = []
        for name in ["negative", "neutral", "positive"] {
            let truePositive = zip(labels, samples).filter { $0 == name && $1.label == name }.count
            let predictedCount = labels.filter { $0 == name }.count
            let actualCount = samples.filter { $0.label == name }.count
            let precision = predictedCount == 0 ? 0 : Double(truePositive) / Double(predictedCount)
            let recall = actualCount == 0 ? 0 : Double(truePositive) / Double(actualCount)
            f1s.append(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall))
        }
        let truth = samples.map(\.score)
        let meanP = predicted.reduce(0, +) / Double(predicted.count)
        let meanT = truth.reduce(0, +) / Double(truth.count)
        var covariance = 0.0
        var varianceP = 0.0
        var varianceT = 0.0
        for (p, t) in zip(predicted, truth) {
            covariance += (p - meanP) * (t - meanT)
            varianceP += (p - meanP) * (p - meanP)
            varianceT += (t - meanT) * (t - meanT)
        }
        return Figures(
            accuracy: accuracy, macroF1: f1s.reduce(0, +) / 3,
            correlation: covariance / (varianceP * varianceT).squareRoot(),
            neutralShare: Double(labels.filter { $0 == "neutral" }.count) / Double(samples.count),
            trueNeutralShare: Double(samples.filter { $0.label == "neutral" }.count) / Double(samples.count))
    }

    @Test func heldOutSplit() {
        let samples = Self.samples
        #expect(samples.count >= 1000)
        let train = samples.enumerated().filter { $0.offset % 5 != 4 }.map(\.element)
        let heldOut = samples.enumerated().filter { $0.offset % 5 == 4 }.map(\.element)
        let trainFigures = Self.measure(train)
        let heldOutFigures = Self.measure(heldOut)
        print("sentiment evaluation: train (\(train.count)): \(trainFigures)")
        print("sentiment evaluation: held-out (\(heldOut.count)): \(heldOutFigures)")
        // Reached: accuracy 0.860, macro-F1 0.827, r 0.910, neutral share 0.156 against 0.228.
        #expect(heldOutFigures.accuracy >= 0.8)
        #expect(heldOutFigures.macroF1 >= 0.77)
        #expect(heldOutFigures.correlation >= 0.85)
        #expect(abs(heldOutFigures.neutralShare - heldOutFigures.trueNeutralShare) <= 0.1)
    }
}
