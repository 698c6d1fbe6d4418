/// `surveys.csv` (survey platform export) and `social.ndjson` (social listening export): what customers say.
extension RecordWriter {
    /// `response_id,submitted_at,survey,email,customer_id,nps,csat,ces,comment`. Scores follow the mood (planted
    /// detractors NPS 4–5, others 5–6, with CSAT 2 and CES 2–3: a detractor whose other experiences are not
    /// negative stays clear of score's churn threshold, 0.7, even a month after a purchase; passives 7–8,
    /// promoters 9–10) and any may be empty; a planted shape fixes them.
    /// The comment is RFC 4180 quoted when needed and may span two physical lines.
    mutating func renderSurveyResponse(_ touch: Touch, _ random: inout RandomSource) {
        let person = person(of: touch)
        let session = touch.session
        let kind = SurveyKind(rawValue: session.variant) ?? .relationship
        let planted = session.incident >= 0
        line.append("R-")
        line.appendDecimal(nextResponse, width: 6)
        reference.append("R-")
        reference.appendDecimal(nextResponse, width: 6)
        nextResponse += 1
        line.append(UInt8(ascii: ","))
        line.appendISO8601(seconds: touch.time / 1000)
        switch kind {
        case .postPurchase: line.append(",post_purchase,")
        case .postSupport: line.append(",post_support,")
        case .relationship: line.append(",relationship,")
        }
        let emailChance = kind == .relationship ? 0.7 : (kind == .postPurchase ? 0.8 : 0.85)
        if let email = person.primaryEmail, shows(.carriesEmail, in: touch, probability: emailChance, &random) {
            text.removeAll(keepingCapacity: true)
            let clean = random.chance(0.85)
            text.appendEmail(email, random: &random, clean: clean)
            line.appendCSVField(text)
        }
        line.append(UInt8(ascii: ","))
        let customerChance = kind == .relationship ? 0.9 : (kind == .postPurchase ? 0.6 : 0.4)
        if person.customerNumber >= 0, shows(.carriesCustomerID, in: touch, probability: customerChance, &random) {
            Identifiers.appendCustomer(person.customerNumber, to: &line)
        }
        line.append(UInt8(ascii: ","))
        let mood = session.mood
        if let fixed = Self.fixedScores(session.shape) {
            line.appendDecimal(fixed.nps)
            line.append(UInt8(ascii: ","))
            line.appendDecimal(fixed.csat)
            line.append(",,")
            if fixed.hasComment { appendComment(mood: mood, session: session, &random) }
            return
        }
        let asksNPS = kind != .postSupport || random.chance(0.4)
        if asksNPS && (planted || random.chance(0.95)) {
            switch mood {
            case .negative: line.appendDecimal(planted ? random.between(4, 5) : random.between(5, 6))
            case .neutral: line.appendDecimal(random.between(7, 8))
            case .positive: line.appendDecimal(random.between(9, 10))
            }
        }
        line.append(UInt8(ascii: ","))
        let asksCSAT = kind != .relationship || random.chance(0.3)
        if asksCSAT && random.chance(0.95) {
            switch mood {
            case .negative: line.appendDecimal(2)
            case .neutral: line.appendDecimal(random.between(3, 4))
            case .positive: line.appendDecimal(random.between(4, 5))
            }
        }
        line.append(UInt8(ascii: ","))
        if kind == .postSupport && random.chance(0.95) {
            switch mood {
            case .negative: line.appendDecimal(planted ? random.between(1, 3) : random.between(2, 3))
            case .neutral: line.appendDecimal(random.between(4, 5))
            case .positive: line.appendDecimal(random.between(6, 7))
            }
        }
        line.append(UInt8(ascii: ","))
        if planted || random.chance(0.8) { appendComment(mood: mood, session: session, &random) }
    }

    /// NPS and CSAT of a planted shape, and whether a comment follows; nil when the shape fixes no scores.
    private static func fixedScores(_ shape: PlantedShape) -> (nps: Int, csat: Int, hasComment: Bool)? {
        switch shape {
        case .strongDetractor: return (0, 1, false)
        case .mildDetractor: return (4, 2, false)
        case .passive: return (7, 3, true)
        default: return nil
        }
    }

    private mutating func appendComment(mood: Mood, session: Session, _ random: inout RandomSource) {
        let comments: [[UInt8]]
        switch mood {
        case .negative: comments = FeedbackCatalog.detractorComments
        case .neutral: comments = FeedbackCatalog.passiveComments
        case .positive: comments = FeedbackCatalog.promoterComments
        }
        text.removeAll(keepingCapacity: true)
        appendTemplate(random.pick(comments), product: Int(session.detail), order: session.order)
        line.appendCSVField(text)
    }

    /// `{"post_id":"tw-88812","platform":"twitter","handle":"@anna_smith","author_name":"…","created_at":"…Z",
    /// "text":"…","followers":1234,"likes":3,"shares":0,"mentions_brand":true}`.
    mutating func renderSocialPost(_ touch: Touch, _ random: inout RandomSource) {
        let person = person(of: touch)
        guard let social = person.social else {
            preconditionFailure("posts are planned only for people with an account")
        }
        let platform = Int(social.platform.rawValue)
        nextPostNumbers[platform] += random.between(1, 40)
        line.append("{\"post_id\":\"")
        line.append(social.platform.postPrefix)
        line.appendDecimal(nextPostNumbers[platform])
        reference.append(social.platform.postPrefix)
        reference.appendDecimal(nextPostNumbers[platform])
        line.append("\",\"platform\":\"")
        line.append(contentsOf: social.platform.name)
        line.append("\",\"handle\":\"@")
        line.append(contentsOf: social.handle)
        line.append("\",\"author_name\":")
        text.removeAll(keepingCapacity: true)
        let style = NameStyle(rawValue: random.weighted(NameStyle.authorWeights)) ?? .canonical
        text.appendName(person, style: style, random: &random)
        line.appendJSONString(text)
        line.append(",\"created_at\":\"")
        line.appendISO8601(seconds: touch.time / 1000)
        line.append("\",\"text\":")
        let posts: [[UInt8]]
        switch touch.session.mood {
        case .negative: posts = FeedbackCatalog.negativePosts
        case .neutral: posts = FeedbackCatalog.neutralPosts
        case .positive: posts = FeedbackCatalog.positivePosts
        }
        text.removeAll(keepingCapacity: true)
        appendTemplate(random.pick(posts), product: Int(touch.session.detail), order: -1)
        line.appendJSONString(text)
        let followers = Int(social.followers)
        let engagement = touch.session.mood == .negative ? random.between(5, 40) : random.between(1, 30)
        let likes = followers * engagement / 1000 + random.between(0, 5)
        line.append(",\"followers\":")
        line.appendDecimal(followers)
        line.append(",\"likes\":")
        line.appendDecimal(likes)
        line.append(",\"shares\":")
        line.appendDecimal(likes * random.between(0, 30) / 100)
        line.append(",\"mentions_brand\":")
        line.append(FeedbackCatalog.mentionsBrand(text) ? "true}" : "false}")
    }
}
