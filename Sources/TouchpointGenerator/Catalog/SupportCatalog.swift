/// What customers contact support about: ticket subjects and descriptions, call queues and agent notes.
///
/// Each topic carries its call queue, so a call and a ticket about the same problem land where a real contact
/// center would route them. Templates use `{p}` (product) and `{o}` (order id).
package enum SupportCatalog {
    /// One reason to contact support.
    package struct Topic: Sendable {
        /// Call queue: `billing`, `orders`, `technical` or `returns`.
        package let queue: [UInt8]
        /// Help-center topic index (`WebCatalog.helpTopics`) a customer reads first.
        package let helpTopic: Int
        /// Whether the topic is about an order (so tickets carry `order_ref`).
        package let concernsOrder: Bool
        package let subjects: [[UInt8]]
        package let descriptions: [[UInt8]]
        package let callNotes: [[UInt8]]
        /// Chat messages sent from the app about this topic.
        package let chatMessages: [[UInt8]]
    }

    package static let topics: [Topic] = [
        topic(
            "orders", help: 4, order: true,
            subjects: ["Where is my order {o}?", "Order {o} not delivered yet", "Delivery status {o}"],
            descriptions: [
                "Hi, I ordered the {p} last week and the tracking page has not changed since. Can you check order {o}?",
                "Hello,\nmy order {o} was supposed to arrive yesterday. Could you tell me when it will be delivered?\nThanks",
            ],
            notes: [
                "Asked for delivery date of {o}; sent tracking link.", "Order {o} delayed at carrier, gave new ETA.",
            ],
            chat: ["Hi, where is my order {o}?", "Can you check the delivery date for {o}?"]),
        topic(
            "returns", help: 1, order: true,
            subjects: ["Damaged item in order {o}", "{p} arrived damaged"],
            descriptions: [
                "The {p} arrived with a cracked lid. Can you send a replacement or should I return it?",
                "Box was crushed and the {p} is dented. Photos attached.",
            ],
            notes: ["Damaged {p} in {o}; replacement ordered.", "Damage on {o}; customer will send photos."],
            chat: ["My {p} arrived damaged, what should I do?"]),
        topic(
            "returns", help: 1, order: true,
            subjects: ["Return request for {o}", "How do I return the {p}?"],
            descriptions: [
                "I'd like to return the {p}, it's too big for our kitchen. Order {o}.",
                "Can I return the {p} in a store instead of by mail?",
            ],
            notes: ["Return label emailed for {o}.", "Explained in-store return for {p}."],
            chat: ["How do I return the {p} from order {o}?"]),
        topic(
            "billing", help: 3, order: true,
            subjects: ["Charged twice for {o}", "Invoice for order {o}"],
            descriptions: [
                "I see two charges on my card for order {o}. Please refund one of them.",
                "Could you send me an invoice with my company address for {o}? VAT ID to follow.",
            ],
            notes: ["Duplicate charge on {o}; refund requested from billing.", "Sent invoice copy for {o}."],
            chat: ["I was charged twice for {o}, can you help?"]),
        topic(
            "technical", help: 5, order: false,
            subjects: ["{p} stopped working", "Error light on {p}"],
            descriptions: [
                "The {p} shows a blinking red light after descaling. I followed the steps in the manual.",
                "My {p} makes a \"clicking\" noise and doesn't heat up anymore.",
            ],
            notes: ["Walked caller through descaling of the {p}.", "{p} fault; repair ticket opened."],
            chat: ["My {p} shows an error light, any idea?"]),
        topic(
            "technical", help: 6, order: false,
            subjects: ["Can't log in to the app", "Password reset email not arriving"],
            descriptions: [
                "The app keeps saying my password is wrong, even after a reset.",
                "I requested a password reset three times but no email arrived.",
            ],
            notes: ["Reset app password; caller could log in.", "Login issue; sent reset link manually."],
            chat: ["I can't log in to the app."]),
        topic(
            "technical", help: 2, order: true,
            subjects: ["Warranty question for {p}", "Is my {p} still under warranty?"],
            descriptions: [
                "I bought the {p} a while ago (order {o}). Is it covered by the 2-year warranty?",
                "The {p}, order {o}, has a loose handle. Can this be fixed under warranty?",
            ],
            notes: ["Warranty claim opened for {p}, order {o}.", "Confirmed warranty cover for {p}."],
            chat: ["Is the {p} from {o} still under warranty?"]),
    ]

    /// Descriptions of a customer writing about the same problem a third time, who had to give it all again (the
    /// last contact of a planted repeat-contact burst; score marks them `repeated_information`). `{o}` reads as
    /// an order id or as "my order".
    package static let repeatedDescriptions: [[UInt8]] = [
        "This is the third time I'm writing about {o}, and every time I have to give my details again. Please read my previous emails.",
        "I already explained this twice: the {p} from {o}. Why do I have to start from scratch every time?",
        "Third time I've explained this. Nobody reads the notes, so here it is again: the {p}, {o}.",
    ].map(\.bytes)

    /// Agent notes of the same third contact on the phone.
    package static let repeatedCallNotes: [[UInt8]] = [
        "Third call about {o}; caller had to repeat the whole story again and asked why nobody reads the notes.",
        "Caller upset that each agent asks the same questions; took the details of {o} again.",
    ].map(\.bytes)

    /// Note of a call the caller gave up on while waiting.
    package static let abandonedNote = "Caller hung up while waiting.".bytes
    /// Endings added to a call note by disposition.
    package static let escalatedSuffix = " Escalated to tier 2.".bytes
    package static let callbackSuffix = " Promised callback tomorrow.".bytes

    private static func topic(
        _ queue: String, help: Int, order: Bool, subjects: [String], descriptions: [String], notes: [String],
        chat: [String]
    ) -> Topic {
        Topic(
            queue: queue.bytes, helpTopic: help, concernsOrder: order, subjects: subjects.map(\.bytes),
            descriptions: descriptions.map(\.bytes), callNotes: notes.map(\.bytes), chatMessages: chat.map(\.bytes))
    }
}
