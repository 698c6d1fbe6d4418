/// `pos.csv`: the till export of the stores.
///
/// `transaction_id,store_id,register,timestamp,type,loyalty_id,customer_email,customer_phone,customer_name,total,
/// currency,items,customer_postcode`, e.g. `TX-000123,S101,3,2026-10-02 14:33:10+02:00,sale,L-0004521,,,,129.90,
/// EUR,"SKU-1001x1;SKU-2040x2",`. Walk-in customers are often known only by their loyalty card, or not at all;
/// some give a name and postcode for a receipt or a delivery, and people who keep their card, email and phone to
/// themselves (`Person.isPrivateAtTill`) are known by those traits alone. Returns have type `return` and a negative
/// total. Time is the store's local time with its offset.
extension RecordWriter {
    mutating func renderTillTransaction(_ touch: Touch, _ random: inout RandomSource) {
        let person = person(of: touch)
        let isReturn = touch.action == .posReturn
        let order = touch.session.order
        var city = PlaceCatalog.cities[Int(person.city)]
        if random.chance(0.1) {
            // Sometimes people shop at another store of their region.
            let sameRegion = PlaceCatalog.cities.filter { $0.region == city.region }
            city = random.pick(sameRegion)
        }
        line.append("TX-")
        line.appendDecimal(nextTransaction, width: 6)
        reference.append("TX-")
        reference.appendDecimal(nextTransaction, width: 6)
        nextTransaction += 1
        line.append(UInt8(ascii: ","))
        line.append(contentsOf: city.storeID)
        line.append(UInt8(ascii: ","))
        line.appendDecimal(random.between(1, 6))
        line.append(UInt8(ascii: ","))
        let seconds = touch.time / 1000
        line.appendLocalTime(seconds: seconds, offsetSeconds: city.region.storeTimeZone.offsetSeconds(atUTC: seconds))
        line.append(isReturn ? ",return," : ",sale,")

        // What the customer tells the till besides identifiers comes from a stream of its own, so the draws of
        // every other field stay what they were. Planted sessions keep exactly the linkage they were planted with.
        var details = RandomSource(seed: RandomSource.mix(touch.seed ^ Self.givenDetailsStream))
        let isPlanted = touch.session.flags.contains(.linkageFixed)
        let isPrivate = person.isPrivateAtTill && !isPlanted
        // A private customer's identifiers are still drawn (and then left out), for the same reason.
        let showsLoyalty =
            person.loyaltyNumber >= 0 && shows(.carriesLoyaltyID, in: touch, probability: 0.8, &random) && !isPrivate
        var identified = showsLoyalty
        if showsLoyalty { Identifiers.appendLoyalty(person.loyaltyNumber, to: &line) }
        line.append(UInt8(ascii: ","))
        if let email = person.primaryEmail, shows(.carriesEmail, in: touch, probability: 0.25, &random) {
            text.removeAll(keepingCapacity: true)
            let chosen = isPlanted ? email : random.pick(person.emails)
            text.appendEmail(chosen, random: &random)
            if !isPrivate {
                line.appendCSVField(text)
                identified = true
            }
        }
        line.append(UInt8(ascii: ","))
        let phone = person.primaryPhone
        if phone >= 0, shows(.carriesPhone, in: touch, probability: 0.15, &random) {
            let start = line.count
            population.phoneNumbers.appendFormatted(phone, style: random.below(7), to: &line)
            if isPrivate { line.removeSubrange(start...) } else { identified = true }
        }
        line.append(UInt8(ascii: ","))
        let writesName = random.chance(identified ? 0.35 : 0.05)
        // A receipt by email or a delivery: name and postcode, from members and from some walk-in customers.
        let givesDetails = !isPlanted && details.chance(isPrivate ? 0.85 : identified ? 0.2 : 0.1)
        if writesName {
            text.removeAll(keepingCapacity: true)
            let style = NameStyle(rawValue: random.weighted(NameStyle.tillWeights)) ?? .canonical
            text.appendName(person, style: style, random: &random)
            line.appendCSVField(text)
        } else if givesDetails && !details.chance(0.03) {
            appendGivenName(person, &details)
        }
        line.append(UInt8(ascii: ","))
        let region = person.region
        if isReturn {
            let product = ProductCatalog.products[orders.product(of: order)]
            line.appendCents(-product.cents(in: region))
        } else {
            line.appendCents(orders.totalCents(of: order, region: region))
        }
        line.append(UInt8(ascii: ","))
        line.append(contentsOf: region.currency)
        line.append(",\"")
        if isReturn {
            line.append(contentsOf: ProductCatalog.products[orders.product(of: order)].sku)
            line.append("x1")
        } else {
            for (position, item) in orders.items(of: order).enumerated() {
                if position > 0 { line.append(UInt8(ascii: ";")) }
                line.append(contentsOf: ProductCatalog.products[item.product].sku)
                line.append(UInt8(ascii: "x"))
                line.appendDecimal(item.quantity)
            }
        }
        line.append("\",")
        if givesDetails && !details.chance(0.08) {
            appendGivenPostcode(person, at: seconds, &details)
        }
    }
}
