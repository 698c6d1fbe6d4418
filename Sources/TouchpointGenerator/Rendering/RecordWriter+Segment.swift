/// `segment.ndjson`: app and email events in the Segment spec.
///
/// App events (`identify`, `screen`, `page`, `track`) carry `anonymousId` (the app install), `userId` when the
/// person is signed in, and `context.device.id`, which a household's shared tablet has in common. Email events
/// and `Order Refunded` come from servers: `userId` for customers, else an `anonymousId` of the email contact, and
/// the address in `context.traits.email`. The ground-truth reference is `messageId`.
extension RecordWriter {
    mutating func renderSegmentEvent(_ touch: Touch, _ random: inout RandomSource) {
        let person = person(of: touch)
        let action = touch.action
        let fromServer =
            action == .emailSent || action == .emailOpened || action == .emailLinkClicked
            || action == .unsubscribed || action == .orderRefunded
        line.append("{\"type\":\"")
        switch action {
        case .identify: line.append("identify")
        case .screenHome: line.append("screen")
        case .helpPage: line.append("page")
        default: line.append("track")
        }
        line.append("\",\"messageId\":\"")
        let start = line.count
        Identifiers.appendUUID(
            Identifiers.key(seed: seed, kind: .message, index: nextMessage), uppercase: false, to: &line)
        reference.append(contentsOf: line[start...])
        nextMessage += 1
        line.append("\",\"timestamp\":\"")
        line.appendISO8601(milliseconds: touch.time)
        line.append(UInt8(ascii: "\""))

        let signedIn =
            person.customerNumber >= 0 && (fromServer || touch.session.flags.contains(.signedIn))
        if signedIn {
            line.append(",\"userId\":\"")
            Identifiers.appendCustomer(person.customerNumber, to: &line)
            line.append(UInt8(ascii: "\""))
        }
        let onTablet = touch.session.flags.contains(.onSharedTablet)
        if !fromServer || !signedIn {
            line.append(",\"anonymousId\":\"")
            if fromServer {
                appendKeyUUID(.emailContact, UInt64(person.index), uppercase: false)
            } else if onTablet {
                appendKeyUUID(.tabletInstall, UInt64(person.household), uppercase: false)
            } else {
                appendKeyUUID(.phoneInstall, UInt64(person.index), uppercase: false)
            }
            line.append(UInt8(ascii: "\""))
        }
        appendSegmentBody(touch, person: person, &random)
        if fromServer {
            line.append(",\"context\":{")
            if let email = person.primaryEmail {
                line.append("\"traits\":{\"email\":")
                line.appendJSONString(email)
                line.append(UInt8(ascii: "}"))
            }
            line.append("}}")
        } else {
            appendAppContext(touch, person: person, onTablet: onTablet, signedIn: signedIn, &random)
            line.append(UInt8(ascii: "}"))
        }
    }

    // MARK: - Event bodies

    private mutating func appendSegmentBody(_ touch: Touch, person: Person, _ random: inout RandomSource) {
        let region = person.region
        let order = touch.session.order
        switch touch.action {
        case .identify:
            appendTraits(touch, person: person, &random)
        case .screenHome:
            line.append(",\"name\":\"Home\",\"properties\":{}")
        case .helpPage:
            let topic = WebCatalog.helpTopics[Int(touch.item)]
            line.append(",\"name\":\"Help\",\"properties\":{\"path\":\"/help/")
            line.append(contentsOf: topic)
            line.append("\",\"url\":\"")
            line.append(contentsOf: WebCatalog.shopOrigin)
            line.append("/help/")
            line.append(contentsOf: topic)
            line.append("\",\"title\":\"Help: ")
            line.append(contentsOf: topic)
            line.append("\"}")
        case .productsSearched:
            line.append(",\"event\":\"Products Searched\",\"properties\":{\"query\":\"")
            for byte in ProductCatalog.searchTerms[Int(touch.item)] {
                line.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            }
            line.append("\"}")
        case .productViewed:
            line.append(",\"event\":\"Product Viewed\",\"properties\":{")
            appendProductFields(Int(touch.item), quantity: nil, region: region)
            line.append(",\"currency\":\"")
            line.append(contentsOf: region.currency)
            line.append("\"}")
        case .productListFiltered:
            let category = ProductCatalog.categories[Int(touch.item)]
            line.append(",\"event\":\"Product List Filtered\",\"properties\":{\"list_id\":\"")
            line.append(contentsOf: category)
            line.append("\",\"category\":\"")
            line.append(contentsOf: category)
            line.append("\"}")
        case .productAdded:
            line.append(",\"event\":\"Product Added\",\"properties\":{")
            appendProductFields(Int(touch.item), quantity: 1, region: region)
            line.append(",\"currency\":\"")
            line.append(contentsOf: region.currency)
            line.append("\"}")
        case .checkoutStarted:
            line.append(",\"event\":\"Checkout Started\",\"properties\":{")
            appendOrderFields(order, totalKey: "value", cents: orders.totalCents(of: order, region: region), region)
            line.append(UInt8(ascii: "}"))
        case .orderCompleted:
            line.append(",\"event\":\"Order Completed\",\"properties\":{")
            appendOrderFields(order, totalKey: "total", cents: orders.totalCents(of: order, region: region), region)
            line.append(",\"products\":[")
            for (position, item) in orders.items(of: order).enumerated() {
                if position > 0 { line.append(UInt8(ascii: ",")) }
                line.append(UInt8(ascii: "{"))
                appendProductFields(item.product, quantity: item.quantity, region: region)
                line.append(UInt8(ascii: "}"))
            }
            line.append("]}")
        case .orderRefunded:
            line.append(",\"event\":\"Order Refunded\",\"properties\":{")
            let cents = ProductCatalog.products[orders.product(of: order)].cents(in: region)
            appendOrderFields(order, totalKey: "total", cents: cents, region)
            line.append(UInt8(ascii: "}"))
        case .emailSent: appendEmailEvent("Email Sent", touch, person: person)
        case .emailOpened: appendEmailEvent("Email Opened", touch, person: person)
        case .emailLinkClicked: appendEmailEvent("Email Link Clicked", touch, person: person)
        case .unsubscribed: appendEmailEvent("Unsubscribed", touch, person: person)
        default:
            line.append(",\"event\":\"Live Chat Message Sent\",\"properties\":{\"text\":")
            text.removeAll(keepingCapacity: true)
            let topic = SupportCatalog.topics[Int(touch.session.detail)]
            let product = touch.session.secondDetail >= 0 ? Int(touch.session.secondDetail) : 0
            appendTemplate(random.pick(topic.chatMessages), product: product, order: order)
            line.appendJSONString(text)
            line.append(UInt8(ascii: "}"))
        }
    }

    /// `"traits":{…}` of an identify call: email, phone, names, social handle, address, birthday, each present or
    /// not like in real profiles; planted linking calls always carry the identifiers they were planted with.
    private mutating func appendTraits(_ touch: Touch, person: Person, _ random: inout RandomSource) {
        let fixed = touch.session.flags.contains(.linkageFixed)
        line.append(",\"traits\":{")
        var separator = false
        func field(_ name: StaticString, into line: inout [UInt8]) {
            if separator { line.append(UInt8(ascii: ",")) }
            separator = true
            line.append(UInt8(ascii: "\""))
            line.append(name)
            line.append("\":")
        }
        if let email = person.primaryEmail {
            field("email", into: &line)
            line.appendJSONString(fixed || random.chance(0.8) ? email : random.pick(person.emails))
        }
        let phone = person.primaryPhone
        if phone >= 0, fixed ? touch.session.flags.contains(.carriesPhone) : random.chance(0.55) {
            field("phone", into: &line)
            line.append(UInt8(ascii: "\""))
            population.phoneNumbers.appendFormatted(phone, style: random.below(7), to: &line)
            line.append(UInt8(ascii: "\""))
        }
        let style = NameStyle(rawValue: random.weighted(NameStyle.profileWeights)) ?? .canonical
        field("name", into: &line)
        text.removeAll(keepingCapacity: true)
        text.appendName(person, style: style, random: &random)
        line.appendJSONString(text)
        if random.chance(0.7) {
            let first = NameCatalog.firstNames[Int(person.firstName)]
            field("first_name", into: &line)
            line.appendJSONString(style == .nickname ? first.nickname ?? first.display : first.display)
            field("last_name", into: &line)
            line.appendJSONString(NameCatalog.lastNames[Int(person.lastName)].display)
        }
        if let social = person.social, social.platform != .facebook, random.chance(0.7) {
            field(social.platform == .twitter ? "twitter" : "instagram", into: &line)
            line.append("\"@")
            line.append(contentsOf: social.handle)
            line.append(UInt8(ascii: "\""))
        }
        if touch.session.kind == .profileUpdate || random.chance(0.75) {
            let address = person.address(at: touch.time / 1000)
            let city = PlaceCatalog.cities[Int(address.city)]
            field("address", into: &line)
            line.append("{\"street\":")
            text.removeAll(keepingCapacity: true)
            Identifiers.appendStreet(address, to: &text)
            line.appendJSONString(text)
            line.append(",\"city\":")
            line.appendJSONString(city.name)
            line.append(",\"postal_code\":\"")
            Identifiers.appendPostalCode(address, to: &line)
            line.append("\",\"country\":\"")
            line.append(contentsOf: city.country)
            line.append("\"}")
        }
        if random.chance(0.5) {
            field("birthday", into: &line)
            line.append(UInt8(ascii: "\""))
            line.appendDate(days: person.birthday)
            line.append(UInt8(ascii: "\""))
        }
        line.append(UInt8(ascii: "}"))
    }

    private mutating func appendEmailEvent(_ event: StaticString, _ touch: Touch, person: Person) {
        let campaign: CampaignCatalog.Campaign
        var sendKey: UInt64
        switch touch.item {
        case -1:
            campaign = CampaignCatalog.orderConfirmation
            sendKey = UInt64(touch.session.order) << 8 | 1
        case -2:
            campaign = CampaignCatalog.surveyInvite
            sendKey = touch.session.seed
        default:
            campaign = CampaignCatalog.marketing[Int(touch.item)]
            sendKey = UInt64(person.index) << 24 | UInt64(UInt16(bitPattern: touch.session.secondDetail)) << 8 | 2
        }
        sendKey = Identifiers.key(seed: seed, kind: .emailSend, index: sendKey)
        line.append(",\"event\":\"")
        line.append(event)
        line.append("\",\"properties\":{\"email_id\":\"em-")
        line.appendHex(sendKey, digits: 16)
        line.append("\",\"email_subject\":")
        line.appendJSONString(campaign.subject)
        line.append(",\"campaign_name\":\"")
        line.append(contentsOf: campaign.name)
        line.append(UInt8(ascii: "\""))
        if touch.action == .emailLinkClicked {
            line.append(",\"link_url\":\"")
            line.append(contentsOf: WebCatalog.shopOrigin)
            line.append("/?utm_source=newsletter&utm_medium=email&utm_campaign=")
            line.append(contentsOf: campaign.name)
            line.append(UInt8(ascii: "\""))
        }
        line.append(UInt8(ascii: "}"))
    }

    // MARK: - Fields

    private mutating func appendProductFields(_ product: Int, quantity: Int?, region: PlaceCatalog.Region) {
        let entry = ProductCatalog.products[product]
        line.append("\"product_id\":\"")
        line.append(contentsOf: entry.sku)
        line.append("\",\"name\":")
        line.appendJSONString(entry.name)
        line.append(",\"price\":")
        line.appendCents(entry.cents(in: region))
        if let quantity {
            line.append(",\"quantity\":")
            line.appendDecimal(quantity)
        }
    }

    private mutating func appendOrderFields(
        _ order: Int32, totalKey: StaticString, cents: Int, _ region: PlaceCatalog.Region
    ) {
        line.append("\"order_id\":\"")
        Identifiers.appendOrder(orders.number(of: order), to: &line)
        line.append("\",\"")
        line.append(totalKey)
        line.append("\":")
        line.appendCents(cents)
        line.append(",\"currency\":\"")
        line.append(contentsOf: region.currency)
        line.append(UInt8(ascii: "\""))
    }

    /// `"context":{"device":{"id":…},"app":{"name":…,"version":…},"ip":…,"userAgent":…}` and sometimes
    /// `"traits":{"email":…}` for signed-in users.
    private mutating func appendAppContext(
        _ touch: Touch, person: Person, onTablet: Bool, signedIn: Bool, _ random: inout RandomSource
    ) {
        let household = household(of: person)
        let version =
            WebCatalog.appVersions[
                onTablet ? Int(household.index) % WebCatalog.appVersions.count : Int(person.appVersion)]
        line.append(",\"context\":{\"device\":{\"id\":\"")
        if onTablet {
            appendKeyUUID(.tabletDevice, UInt64(household.index), uppercase: true)
        } else if person.usesIOS {
            appendKeyUUID(.phoneDevice, UInt64(person.index), uppercase: true)
        } else {
            line.appendHex(
                RandomSource.mix(Identifiers.key(seed: seed, kind: .phoneDevice, index: UInt64(person.index))),
                digits: 16)
        }
        line.append("\"},\"app\":{\"name\":\"")
        line.append(contentsOf: WebCatalog.appName)
        line.append("\",\"version\":\"")
        line.append(contentsOf: version)
        line.append("\"},\"ip\":\"")
        var sessionRandom = RandomSource(seed: touch.session.seed ^ 0x6170_70)
        let onCarrier = !onTablet && sessionRandom.chance(0.4)
        Identifiers.appendNetworkAddress(onCarrier ? Int32(sessionRandom.below(762)) : household.homeAddress, to: &line)
        line.append("\",\"userAgent\":\"")
        line.append(contentsOf: WebCatalog.appName)
        line.append(UInt8(ascii: "/"))
        line.append(contentsOf: version)
        line.append(
            contentsOf: onTablet
                ? WebCatalog.appAgentSuffixTablet
                : (person.usesIOS ? WebCatalog.appAgentSuffixIOS : WebCatalog.appAgentSuffixAndroid))
        line.append(UInt8(ascii: "\""))
        if signedIn, touch.action != .identify, let email = person.primaryEmail, random.chance(0.25) {
            line.append(",\"traits\":{\"email\":")
            line.appendJSONString(email)
            line.append(UInt8(ascii: "}"))
        }
        line.append(UInt8(ascii: "}"))
    }

    private mutating func appendKeyUUID(_ kind: Identifiers.KeyKind, _ index: UInt64, uppercase: Bool) {
        Identifiers.appendUUID(Identifiers.key(seed: seed, kind: kind, index: index), uppercase: uppercase, to: &line)
    }
}
