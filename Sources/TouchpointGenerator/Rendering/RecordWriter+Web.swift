/// `web.log`: the web shop's access log in Apache combined format.
///
/// `203.0.113.7 - C100234 [02/Oct/2026:14:33:10 +0000] "GET /products/espresso-machine-x2 HTTP/1.1" 200 5123
/// "https://www.google.com/" "Mozilla/5.0 (…)"`. The user field is the customer id when signed in, `-` otherwise.
/// The ground-truth reference of a hit is its 1-based line number.
extension RecordWriter {
    mutating func renderWebHit(_ touch: Touch, _ random: inout RandomSource) {
        let person = person(of: touch)
        var sessionRandom = RandomSource(seed: touch.session.seed ^ 0x7765_62)
        let onPhone = sessionRandom.chance(person.mobileWebShare)
        let onCarrier = onPhone && sessionRandom.chance(0.5)
        let address = onCarrier ? Int32(sessionRandom.below(762)) : household(of: person).homeAddress
        Identifiers.appendNetworkAddress(address, to: &line)
        line.append(" - ")
        let signedIn = touch.session.flags.contains(.signedIn) && person.customerNumber >= 0
        if signedIn {
            Identifiers.appendCustomer(person.customerNumber, to: &line)
        } else {
            line.append(UInt8(ascii: "-"))
        }
        line.append(" [")
        line.appendApacheTime(seconds: touch.time / 1000)
        line.append("] \"GET ")
        let status = webStatus(touch, signedIn: signedIn, &random)
        appendWebPath(
            touch.action, item: touch.item, secondItem: touch.secondItem, order: touch.session.order,
            misspelled: status == 404)
        if touch.step == 0 && touch.session.flags.contains(.fromEmail) && touch.action == .webProduct {
            let campaign = CampaignCatalog.marketing[Int(touch.session.secondDetail) % CampaignCatalog.marketing.count]
            line.append("?utm_source=newsletter&utm_medium=email&utm_campaign=")
            line.append(contentsOf: campaign.name)
        }
        line.append(" HTTP/1.1\" ")
        line.appendDecimal(status)
        line.append(UInt8(ascii: " "))
        line.appendDecimal(webBodySize(touch.action, status: status, &random))
        line.append(" \"")
        if let referrer = touch.referrer {
            line.append(contentsOf: WebCatalog.shopOrigin)
            appendWebPath(
                referrer.action, item: referrer.item, secondItem: referrer.secondItem, order: touch.session.order,
                misspelled: false)
        } else if touch.session.flags.contains(.fromEmail) {
            line.append(UInt8(ascii: "-"))
        } else {
            line.append(contentsOf: sessionRandom.pick(WebCatalog.externalReferrers))
        }
        line.append("\" \"")
        line.append(
            contentsOf: onPhone
                ? WebCatalog.mobileAgents[Int(person.mobileAgent)] : WebCatalog.desktopAgents[Int(person.desktopAgent)])
        line.append(UInt8(ascii: "\""))
        reference.appendDecimal(recordCounts[Int(RecordSource.web.rawValue)] + 1)
    }

    /// Mostly 200; a few 404s (a product link with a stale slug), rare 500s, and 302 when an anonymous visitor
    /// opens an account page. Purchase pages always succeed, so every `/checkout/complete` hit is a real order.
    private func webStatus(_ touch: Touch, signedIn: Bool, _ random: inout RandomSource) -> Int {
        switch touch.action {
        case .webCart, .webCheckout, .webCheckoutComplete:
            return 200
        case .webAccountOrder:
            return signedIn ? 200 : 302
        case .webProduct where touch.session.kind == .webBrowse && touch.step > 0:
            let roll = random.below(1000)
            return roll < 20 ? 404 : (roll < 25 ? 500 : 200)
        default:
            return random.below(1000) < 5 ? 500 : 200
        }
    }

    private func webBodySize(_ action: TouchAction, status: Int, _ random: inout RandomSource) -> Int {
        switch status {
        case 302: return random.between(209, 260)
        case 404: return random.between(1_180, 1_620)
        case 500: return random.between(520, 690)
        default: break
        }
        switch action {
        case .webProduct: return random.between(18_000, 42_000)
        case .webSearch: return random.between(12_000, 30_000)
        case .webCategory: return random.between(15_000, 35_000)
        case .webCompare: return random.between(20_000, 40_000)
        case .webReviews: return random.between(9_000, 25_000)
        case .webCart: return random.between(6_000, 9_000)
        case .webCheckout: return random.between(8_000, 12_000)
        case .webCheckoutComplete: return random.between(5_000, 7_000)
        case .webHelp: return random.between(4_000, 9_000)
        case .webAccountOrder: return random.between(7_000, 11_000)
        default: return random.between(5_000, 8_000)
        }
    }

    /// The request path of a shop page (no origin).
    private mutating func appendWebPath(
        _ action: TouchAction, item: Int16, secondItem: Int16, order: Int32, misspelled: Bool
    ) {
        switch action {
        case .webProduct:
            line.append("/products/")
            line.append(contentsOf: ProductCatalog.products[Int(item)].slug)
            if misspelled { line.append("-2019") }
        case .webSearch:
            line.append("/search?q=")
            line.append(contentsOf: ProductCatalog.searchTerms[Int(item)])
        case .webCategory:
            line.append("/category/")
            line.append(contentsOf: ProductCatalog.categories[Int(item)])
        case .webCompare:
            line.append("/compare?items=")
            line.append(contentsOf: ProductCatalog.products[Int(item)].slug)
            line.append(UInt8(ascii: ","))
            line.append(contentsOf: ProductCatalog.products[Int(secondItem)].slug)
        case .webReviews:
            line.append("/products/")
            line.append(contentsOf: ProductCatalog.products[Int(item)].slug)
            line.append("/reviews")
        case .webCart: line.append("/cart")
        case .webCheckout: line.append("/checkout")
        case .webCheckoutComplete:
            line.append("/checkout/complete?order=")
            Identifiers.appendOrder(orders.number(of: order), to: &line)
        case .webHelp:
            line.append("/help/")
            line.append(contentsOf: WebCatalog.helpTopics[Int(item)])
        case .webAccountOrder:
            line.append("/account/orders/")
            Identifiers.appendOrder(orders.number(of: order), to: &line)
        default: line.append("/returns")
        }
    }
}
