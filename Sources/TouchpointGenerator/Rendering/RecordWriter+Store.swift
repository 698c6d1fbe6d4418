/// `pos.csv`: the till export of the stores.
///
/// `transaction_id,store_id,register,timestamp,type,loyalty_id,customer_email,customer_phone,customer_name,total,
/// currency,items`, e.g. `TX-000123,S101,3,2026-10-02 14:33:10+02:00,sale,L-0004521,,,,129.90,EUR,
/// "SKU-1001x1;SKU-2040x2"`. Walk-in customers are often known only by their loyalty card, or not at all. Returns
/// have type `return` and a negative total. Time is the store's local time with its offset.
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

        let showsLoyalty = person.loyaltyNumber >= 0 && shows(.carriesLoyaltyID, in: touch, probability: 0.8, &random)
        var identified = showsLoyalty
        if showsLoyalty { Identifiers.appendLoyalty(person.loyaltyNumber, to: &line) }
        line.append(UInt8(ascii: ","))
        if let email = person.primaryEmail, shows(.carriesEmail, in: touch, probability: 0.25, &random) {
            text.removeAll(keepingCapacity: true)
            let chosen = touch.session.flags.contains(.linkageFixed) ? email : random.pick(person.emails)
            text.appendEmail(chosen, random: &random)
            line.appendCSVField(text)
            identified = true
        }
        line.append(UInt8(ascii: ","))
        let phone = person.primaryPhone
        if phone >= 0, shows(.carriesPhone, in: touch, probability: 0.15, &random) {
            population.phoneNumbers.appendFormatted(phone, style: random.below(7), to: &line)
            identified = true
        }
        line.append(UInt8(ascii: ","))
        if random.chance(identified ? 0.35 : 0.05) {
            text.removeAll(keepingCapacity: true)
            let style = NameStyle(rawValue: random.weighted(NameStyle.tillWeights)) ?? .canonical
            text.appendName(person, style: style, random: &random)
            line.appendCSVField(text)
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
        line.append(UInt8(ascii: "\""))
    }
}
