#!/usr/bin/env python3
"""Writes sentiment-eval.ndjson: realistic short customer messages with a label and an intensity.

Written by the Touchpoint team from its own templates and vocabularies (no public dataset). Each fragment
carries the intensity a careful human reader would give it; a message's label and score follow from the
fragments it is built from (the clause after a contrast decides; sarcasm is labelled by its meaning, not its
words). Labels were fixed here, before any lexicon or rule tuning. Every 5th line (index % 5 == 4) is the
held-out test split. Deterministic: `python3 make-sentiment-eval.py > sentiment-eval.ndjson`.
"""

import json
import random

rng = random.Random(20261001)

ITEMS = ["order", "parcel", "package", "jacket", "sofa", "laptop", "phone case", "running jacket", "blender",
         "mattress", "headset", "coffee machine", "dress", "TV", "desk chair", "kettle", "vacuum", "rain coat",
         "watch", "backpack", "router", "lamp", "hoodie", "printer", "gift card", "subscription box", "sweater"]
NAMES = ["Sam", "Priya", "Marco", "Jess", "Tom", "Aisha", "Leo", "Maria", "Dan", "Chloe", "Ken", "Fatima"]
DAYS = ["2", "3", "4", "5", "6", "10", "12", "14", "three", "two", "ten"]
STORES = ["Leeds", "the Oxford St store", "the mall branch", "Market St", "downtown", "the airport shop"]


def fill(text):
    return (text.replace("{item}", rng.choice(ITEMS)).replace("{name}", rng.choice(NAMES))
            .replace("{n}", rng.choice(DAYS)).replace("{store}", rng.choice(STORES))
            .replace("{order}", "#" + str(rng.randint(10000, 99999))))


# (text, intensity) fragments. Intensity: -1 worst … +1 best.
NEG_STRONG = [
    ("Charged twice, no refund, no apology", -0.9), ("worst customer service I have ever dealt with", -0.9),
    ("absolutely disgusting service", -0.9), ("this company is a scam", -0.9),
    ("my {item} never arrived and nobody can tell me why", -0.8), ("I am furious", -0.85),
    ("complete waste of money", -0.8), ("the {item} broke after {n} days and they refuse to replace it", -0.8),
    ("I have been on hold for an hour, twice", -0.75), ("they lied to me about the delivery date", -0.8),
    ("utterly useless support", -0.8), ("never ordering from you again", -0.8),
    ("the agent hung up on me", -0.75), ("horrible experience from start to finish", -0.9),
    ("still no refund after {n} weeks", -0.75), ("you took my money and sent nothing", -0.85),
    ("the {item} arrived smashed and the box was soaking wet", -0.75), ("what a joke of a company", -0.8),
    ("disgraceful treatment of a loyal customer", -0.85), ("this is the third time my order is wrong", -0.75),
    ("your staff were rude and dismissive", -0.8), ("total nightmare", -0.85),
    ("the worst purchase I've made this year", -0.8), ("I want a refund NOW", -0.8),
    ("appalling, avoid at all costs", -0.95), ("I feel completely ripped off", -0.8),
    ("the {item} is cheap junk", -0.8), ("lousy quality and even lousier support", -0.85),
    ("nobody ever called me back", -0.7), ("I was overcharged and treated like a liar", -0.85),
    ("my account got closed for no reason and I lost my points", -0.75),
    ("money taken, no order, no reply", -0.85), ("zero stars if I could", -0.9),
    ("they cancelled my order without telling me", -0.7), ("the chat bot is useless and there's no human", -0.7),
]
NEG_MILD = [
    ("the delivery was a bit late", -0.3), ("a little disappointed with the {item}", -0.35),
    ("the {item} is smaller than expected", -0.3), ("the wait was longer than I'd like", -0.3),
    ("not great, not terrible, just meh", -0.2), ("kind of disappointing", -0.35),
    ("the app keeps logging me out", -0.4), ("delivery took longer than promised", -0.4),
    ("the colour looks different from the photos", -0.3), ("checkout was confusing", -0.35),
    ("the instructions were hard to follow", -0.35), ("it's a bit overpriced for what it is", -0.35),
    ("the {item} feels flimsy", -0.4), ("had to call twice to get it sorted", -0.4),
    ("the store was messy and understaffed", -0.45), ("it's okay but not worth the price", -0.3),
    ("the tracking page hasn't updated in {n} days", -0.45), ("slightly annoyed that the discount didn't apply", -0.35),
    ("the fit is off", -0.3), ("customer service was slow to reply", -0.4),
    ("the parcel was left outside in the rain", -0.45), ("the {item} stopped working after a month", -0.55),
    ("the sizing runs small", -0.25), ("shipping costs are too high", -0.35),
    ("I'm not happy with the quality", -0.5), ("it didn't really work for me", -0.35),
    ("the battery doesn't last", -0.45), ("was expecting better", -0.4),
    ("the queue at {store} was ridiculous", -0.5), ("a bit of a letdown", -0.4),
    ("the refund is taking forever", -0.5), ("the replacement is also faulty", -0.6),
]
POS_STRONG = [
    ("absolutely love my new {item}", 0.9), ("best customer service ever", 0.9),
    ("{name} was amazing and sorted everything in minutes", 0.85), ("the {item} is perfect", 0.85),
    ("super fast delivery and great quality", 0.8), ("exceeded my expectations", 0.8),
    ("I'm so happy with this purchase", 0.8), ("fantastic experience from start to finish", 0.9),
    ("highly recommend", 0.8), ("the staff at {store} were brilliant", 0.8),
    ("refund came through the same day, impressive", 0.75), ("the {item} arrived early and works beautifully", 0.8),
    ("five stars, will definitely order again", 0.85), ("{name} went above and beyond", 0.85),
    ("incredible value for money", 0.8), ("obsessed with this {item}", 0.8),
    ("so easy to set up, love it", 0.8), ("brilliant service as always", 0.8),
    ("I couldn't be happier", 0.9), ("the quality is outstanding", 0.85),
    ("thank you so much, you saved my weekend", 0.8), ("everything was flawless", 0.85),
    ("my new favourite shop", 0.8), ("delighted with the result", 0.8),
    ("friendly, helpful and quick", 0.75), ("the best {item} I've ever owned", 0.9),
]
POS_MILD = [
    ("the {item} is good", 0.45), ("delivery was on time", 0.3), ("decent quality for the price", 0.35),
    ("the agent was helpful", 0.45), ("pretty happy with it overall", 0.45), ("it does the job", 0.25),
    ("nice {item}, fits well", 0.45), ("the return was easy", 0.4), ("solid product", 0.4),
    ("quick reply from support", 0.4), ("the staff were friendly", 0.45), ("works as described", 0.3),
    ("comfortable and looks nice", 0.5), ("reasonable price", 0.3), ("the issue got resolved", 0.4),
    ("good value", 0.45), ("it's fine, I'd buy again", 0.35), ("the app is easy to use", 0.45),
    ("arrived well packaged", 0.35), ("happy with the fix", 0.45), ("not bad at all", 0.35),
    ("no complaints", 0.35), ("pleasant enough experience", 0.35), ("the refund arrived as promised", 0.4),
]
NEUTRAL = [
    ("what time does {store} open on Sunday?", 0.0), ("can I change the delivery address for order {order}?", 0.0),
    ("please send me a copy of the invoice for {order}", 0.0), ("do you ship to Ireland?", 0.0),
    ("my {item} is due on Thursday, can I pick it up instead?", 0.0), ("is the {item} available in blue?", 0.0),
    ("I'd like to update my email address", 0.0), ("how do I return an item bought online?", 0.0),
    ("order {order} was placed on Monday", 0.0), ("what's the warranty on the {item}?", 0.0),
    ("I need to cancel my subscription from next month", 0.0), ("which courier do you use?", 0.0),
    ("can you confirm the size of the {item}?", 0.0), ("I'm moving house next week", 0.0),
    ("do you price match?", 0.0), ("the {item} was a gift for my sister", 0.0),
    ("is there parking near {store}?", 0.0), ("just checking the status of {order}", 0.0),
    ("customer asked about loyalty points balance", 0.0), ("I'll be home after 5pm", 0.0),
    ("can I pay with PayPal?", 0.0), ("where do I find my order number?", 0.0),
    ("received the email, will check tomorrow", 0.0), ("please call me back on my mobile", 0.0),
    ("does the {item} come with a charger?", 0.0), ("I bought it at {store} last week", 0.0),
    ("please add a note for the driver to use the side door", 0.0), ("how long is the return window?", 0.0),
    ("second parcel for {order} still to come per the email", 0.0), ("do you have a student discount?", 0.0),
]
NEG_SARCASM = [
    ("Great, another week without my {item}. Love that for me", -0.7),
    ("Oh wonderful, charged twice again. Thanks so much", -0.75),
    ("Amazing how you can lose a parcel {n} times in a row", -0.7),
    ("Love waiting on hold for 50 minutes, truly the highlight of my day", -0.7),
    ("Thanks for nothing", -0.7), ("Yeah sure, 'next day delivery' lol", -0.55),
    ("Fantastic, the replacement is broken too. Really impressive work", -0.75),
    ("Wow, only {n} days late this time. Progress!", -0.5),
]
SLANG_POS = [
    ("this {item} slaps", 0.8), ("lowkey obsessed with my new {item}", 0.7), ("ngl the {item} is fire 🔥", 0.8),
    ("customer service was goated fr", 0.8), ("big W for {store} today", 0.7), ("10/10 no notes", 0.85),
    ("the {item} is a vibe", 0.6), ("def worth it tbh", 0.6), ("in love 😍", 0.85), ("yesss finally came 🙌", 0.7),
    ("sooo good", 0.7), ("loooove it", 0.8), ("chef's kiss", 0.8), ("highkey the best purchase this year", 0.8),
]
SLANG_NEG = [
    ("the {item} is mid tbh", -0.35), ("this is trash 🗑️", -0.8), ("smh {n} days and still no parcel", -0.6),
    ("wtf is going on with my order", -0.7), ("massive L from customer service", -0.7),
    ("ngl the {item} is kinda trash", -0.6), ("delivery is a joke fr", -0.65), ("sooo slow 🙄", -0.5),
    ("ugh the app crashed again", -0.5), ("hard pass", -0.5), ("yikes, what a mess", -0.6),
    ("this ain't it", -0.5), ("lowkey a scam", -0.7), ("so done with this company", -0.75),
]
NEG_TAILS = [("", 0), (" Avoid!!", -0.1), (" 😡", -0.1), (" 👎", -0.05), (" :(", -0.05), (" Not happy.", -0.05),
             (" Sort it out.", -0.05), (" Unbelievable.", -0.1), (" 🤬🤬", -0.15), (" Never again.", -0.1)]
POS_TAILS = [("", 0), (" Thanks!", 0.05), (" 😊", 0.05), (" ❤️", 0.05), (" :)", 0.05), (" 👍", 0.05),
             (" Cheers!", 0.05), (" 🙌", 0.05), (" :D", 0.05), (" Keep it up!", 0.05)]
NEG_OPENERS = ["", "Honestly shocked. ", "Hi, ", "Hello, ", "Ugh. ", "Seriously? ", "Re: order {order}. ", "Again... ",
               "Just so you know, ", "Hi team, ", "Order {order}: "]
POS_OPENERS = ["", "Hi! ", "Just wanted to say ", "Quick note: ", "Hey ", "Honestly, ", "Update: ", "Wow, "]
NEU_OPENERS = ["", "Hi, ", "Hello, ", "Quick question: ", "Hi there, ", "Hey, ", "Good morning, "]
NEU_TAILS = ["", " Thanks.", " Cheers", " Regards, {name}", "", " Thank you"]

# Written one by one, to add voices the templates do not have.
HANDWRITTEN = [
    ("Honestly shocked... Charged twice, no refund, no apology. Avoid!!", -0.95, "review"),
    ("isnt good enough tbh", -0.45, "social"), ("dont bother with their support line", -0.6, "social"),
    ("wont be shopping here again", -0.65, "review"), ("cant fault them, brilliant", 0.8, "review"),
    ("The courier said he knocked. He did not knock. I was home all day.", -0.55, "support_ticket"),
    ("Third email. Still nothing. Where is my money?", -0.7, "email"),
    ("I've been a customer for 8 years and this is how you treat me?", -0.7, "email"),
    ("@brand my parcel is sat in a depot 200 miles away 🙃", -0.5, "social"),
    ("Came in for a return, in and out in 5 minutes. Easiest return ever", 0.75, "survey"),
    ("Not the worst, not the best", 0.0, "survey"), ("It's fine I guess", 0.1, "survey"),
    ("The new app update is actually really good, well done", 0.7, "social"),
    ("why is it so hard to speak to a human", -0.55, "social"),
    ("Ordered Tuesday, arrived Wednesday. Exactly what I needed.", 0.6, "review"),
    ("Your driver was lovely and even helped carry it upstairs <3", 0.8, "social"),
    ("Item returned as it did not fit. Refund requested.", 0.0, "support_ticket"),
    ("The manager at Leeds, Sarah, was so kind about the mix up", 0.7, "survey"),
    ("Paid for next day delivery. Arrived in 4 days. Want my delivery fee back.", -0.6, "support_ticket"),
    ("Wrong item AGAIN. I ordered a size 10!!", -0.7, "support_ticket"),
    ("Didn't expect much for the price but it's actually decent", 0.45, "review"),
    ("Not bad for a budget option", 0.35, "review"),
    ("meh. it's a kettle. it boils water", 0.0, "review"),
    ("I would not recommend this to anyone", -0.7, "review"),
    ("No issues at all, smooth from order to delivery", 0.65, "survey"),
    ("Agent was polite but couldn't actually help me", -0.35, "chat"),
    ("Thank you Ken! That fixed it :)", 0.7, "chat"), ("still broken. same error as yesterday", -0.5, "chat"),
    ("ok thanks, I'll wait for the email", 0.05, "chat"), ("can someone just call me please", -0.15, "chat"),
    ("Customer advised refund already processed, happy with outcome", 0.55, "call_notes"),
    ("Cust irate, swore at agent, call terminated", -0.9, "call_notes"),
    ("Caller wanted delivery date, given Thursday", 0.0, "call_notes"),
    ("Honestly the best thing I've bought all year 😭❤️", 0.9, "social"),
    ("I'm not angry, just disappointed", -0.5, "email"),
    ("Sooooo happy with my order!!!", 0.9, "social"), ("NEVER AGAIN", -0.85, "review"),
    ("Absolutely gutted, the sofa doesn't fit through the door and they won't take it back", -0.75, "email"),
    ("Quick delivery, although the box was a bit battered", 0.3, "review"),
    ("The food at the cafe was cold and the staff didn't care", -0.7, "survey"),
    ("Great staff, shame about the queues", -0.2, "survey"),
    ("Could be better", -0.3, "survey"), ("Could not be happier", 0.9, "survey"),
    ("Is this a joke? 45 minutes on hold", -0.7, "social"), ("I guess it works", 0.1, "review"),
    ("Top notch 👌", 0.8, "review"), ("Rubbish. Fell apart in a week.", -0.8, "review"),
    ("Please can you check order #55120, the tracking says delivered but it isn't here", -0.35, "email"),
    ("Hi, just confirming I received the replacement. All good now, thanks", 0.45, "email"),
    ("love the colour, hate the fit", -0.2, "social"), ("what a lovely surprise, thank you!", 0.85, "social"),
    ("The website's down again?", -0.35, "social"), ("anyone else's order stuck on 'processing'?", -0.3, "social"),
    ("Was skeptical but I'm really impressed", 0.75, "review"), ("no complaints here 👍", 0.45, "survey"),
    ("Order arrived. Thank you.", 0.2, "email"), ("I have attached the photos of the damage.", -0.2, "email"),
    ("Just moved to the premium plan", 0.0, "chat"), ("Store closes at 6 on Saturdays?", 0.0, "chat"),
]

CHANNELS = ["support_ticket", "social", "survey", "chat", "call_notes", "review", "email"]


def cap(text):
    return text[0].upper() + text[1:] if text else text


def clamp(x):
    return max(-1.0, min(1.0, round(x, 2)))


def label_of(score):
    return "negative" if score < -0.15 else "positive" if score > 0.15 else "neutral"


def style(text, channel):
    # Channel voice: social and chat are often lowercase without final punctuation.
    if channel in ("social", "chat") and rng.random() < 0.45:
        text = text.lower().rstrip(".")
    return text


def emphasize(text, score):
    """ALL-CAPS a word or add !! sometimes; emphasis strengthens the intensity a little."""
    r = rng.random()
    if r < 0.12:
        words = text.split(" ")
        candidates = [i for i, w in enumerate(words) if len(w) > 3 and w.isalpha()]
        if candidates:
            i = rng.choice(candidates)
            words[i] = words[i].upper()
            return " ".join(words), score * 1.1
    if r < 0.22:
        return text.rstrip(".") + "!!", score * 1.1
    return text, score


def simple(pool, openers, tails, channel):
    text, score = rng.choice(pool)
    opener = fill(rng.choice(openers))
    tail, delta = rng.choice(tails)
    body, score = emphasize(fill(text), score)
    sentence = cap(opener) + (cap(body) if opener == "" or opener.rstrip().endswith((".", "?", ":")) else body)
    sentence = style(sentence, channel)
    if not sentence.endswith(("?", "!", ".", ")")) and (tail or rng.random() < 0.6):
        sentence += "."
    if score != 0:
        score = score + delta
    return sentence + fill(tail), clamp(score)


def mixed(channel):
    """'A but B': the clause after the contrast decides the label and weighs about twice as much."""
    first_neg = rng.random() < 0.5
    a_pool = rng.choice([POS_MILD, POS_STRONG]) if first_neg is False else rng.choice([NEG_MILD, NEG_STRONG])
    b_pool = rng.choice([NEG_MILD, NEG_STRONG]) if first_neg is False else rng.choice([POS_MILD, POS_STRONG])
    a, sa = rng.choice(a_pool)
    b, sb = rng.choice(b_pool)
    contrast = rng.choice([", but ", " but ", ". However, ", ", although ", ", though ", ". But "])
    text = cap(fill(a)) + contrast + (cap(fill(b)) if contrast.endswith(". ") else fill(b))
    text += rng.choice([".", "", "."])
    score = 0.3 * sa + 0.75 * sb
    return style(text, channel), clamp(score)


def two_clause(pool_a, pool_b, tails, channel):
    a, sa = rng.choice(pool_a)
    b, sb = rng.choice(pool_b)
    tail, delta = rng.choice(tails)
    joint = rng.choice([". ", ", ", " and "])
    second = fill(b)
    text = cap(fill(a)) + joint + (cap(second) if joint == ". " else second) + "."
    text, s = emphasize(text, max(sa, sb, key=abs) * 1.05)
    return style(text, channel) + fill(tail), clamp(s + delta)


def call_note(kind):
    if kind == "neg":
        text, s = rng.choice([
            ("Cust very upset, item {item} not delivered after {n} days, demanded refund, escalated to supervisor", -0.8),
            ("Caller angry about double charge on card, wants it reversed today, threatened to cancel", -0.8),
            ("Customer frustrated, third call about same issue, still not fixed", -0.75),
            ("Cust complained agent at {store} was rude, asked for manager", -0.7),
            ("Customer unhappy with repair, {item} faulty again, requested replacement", -0.6),
            ("Caller disappointed with delay, accepted voucher but not satisfied", -0.45),
            ("Cust says website charged wrong price, annoyed, refund of difference issued", -0.35),
        ])
    elif kind == "pos":
        text, s = rng.choice([
            ("Customer happy with resolution, thanked {name} for the help", 0.7),
            ("Caller pleased the refund arrived, no further action", 0.55),
            ("Cust called to compliment the staff at {store}", 0.75),
            ("Customer satisfied with replacement {item}, closed ticket", 0.5),
            ("Caller very grateful, said best service she has had", 0.85),
        ])
    else:
        text, s = rng.choice([
            ("Customer called to update address, done", 0.0),
            ("Caller asked for order status of {order}, advised dispatch tomorrow", 0.0),
            ("Cust requested invoice copy, sent by email", 0.0),
            ("Customer asked about store hours for {store}, informed", 0.0),
            ("Caller wanted to know return policy, explained 30 days", 0.0),
            ("Cust changed delivery slot to Friday AM", 0.0),
            ("Payment method updated per customer request", 0.0),
        ])
    return fill(text) + rng.choice(["", ".", ". Ticket closed.", ". Follow up in 2 days."]), s


def review(kind):
    stars = {"neg": ["1/5", "2/5", "1 star.", "One star."], "pos": ["5/5", "4/5", "5 stars!", "Five stars."]}
    if kind == "neg":
        text, s = simple(NEG_STRONG + NEG_MILD, NEG_OPENERS, NEG_TAILS, "review")
    else:
        text, s = simple(POS_STRONG + POS_MILD, POS_OPENERS, POS_TAILS, "review")
    if rng.random() < 0.3:
        text = rng.choice(stars[kind]) + " " + text
    return text, s


def survey(kind):
    if kind == "neu":
        return rng.choice(["No comment", "n/a", "Nothing to add", "Bought a {item} for work",
                           "First order", "Delivered Tuesday", "Ordered online, collected in store", "-",
                           "Used the app", "Same as last time", "It was my second visit"]).replace(
            "{item}", rng.choice(ITEMS)), 0.0
    if kind == "neg":
        return simple(NEG_MILD + NEG_STRONG, [""], NEG_TAILS[:3], "survey")
    return simple(POS_MILD + POS_STRONG, [""], POS_TAILS[:3], "survey")


def terse(kind):
    if kind == "neg":
        return rng.choice([("Awful.", -0.8), ("Terrible", -0.8), ("meh", -0.25), ("Useless!!", -0.85), ("nope", -0.3),
                           ("Disappointed.", -0.5), ("Rubbish", -0.75), ("bad", -0.5), ("Never arrived.", -0.65),
                           ("Still waiting.", -0.4), ("No refund yet", -0.5), ("😡", -0.7), ("👎👎", -0.6),
                           (":(", -0.4), ("Poor", -0.5), ("Slow.", -0.4), ("Not good", -0.45)])
    if kind == "pos":
        return rng.choice([("Great!", 0.7), ("Perfect", 0.8), ("Love it", 0.8), ("Excellent service", 0.85),
                           ("good", 0.45), ("👍", 0.5), ("😍😍", 0.8), (":)", 0.4), ("Fine, thanks", 0.25),
                           ("Super", 0.7), ("Brilliant!", 0.8), ("Nice", 0.45), ("Very helpful", 0.6),
                           ("Quick and easy", 0.55), ("thx!", 0.35)])
    return rng.choice([("ok", 0.05), ("Received", 0.0), ("As expected", 0.05), ("Tuesday", 0.0), ("?", 0.0),
                       ("See attached", 0.0), ("Order {order}".replace("{order}", "#" + str(rng.randint(10000, 99999))),
                        0.0), ("Call me", 0.0), ("Same", 0.0)])


def message(kind, channel):
    r = rng.random()
    if channel == "call_notes":
        return call_note(kind)
    if channel == "review":
        return review(kind) if kind != "neu" else simple(NEUTRAL, NEU_OPENERS, [(t, 0) for t in NEU_TAILS], channel)
    if channel == "survey" and r < 0.5:
        return survey(kind)
    if r < 0.1:
        return terse(kind)
    if kind == "neu":
        return simple(NEUTRAL, NEU_OPENERS, [(t, 0) for t in NEU_TAILS], channel)
    if channel == "social" and r < 0.45:
        return simple(SLANG_NEG if kind == "neg" else SLANG_POS, [""], NEG_TAILS if kind == "neg" else POS_TAILS,
                      channel)
    if kind == "neg" and r < 0.2 and channel in ("social", "review", "chat"):
        text, s = rng.choice(NEG_SARCASM)
        return style(fill(text), channel), s
    if r < 0.35:
        return mixed(channel)
    if r < 0.5:
        if kind == "neg":
            return two_clause(NEG_STRONG + NEG_MILD, NEG_MILD + NEG_STRONG, NEG_TAILS, channel)
        return two_clause(POS_STRONG + POS_MILD, POS_MILD + POS_STRONG, POS_TAILS, channel)
    if kind == "neg":
        return simple(NEG_STRONG + NEG_MILD, NEG_OPENERS, NEG_TAILS, channel)
    return simple(POS_STRONG + POS_MILD, POS_OPENERS, POS_TAILS, channel)


seen = set()
rows = []
for text, score, channel in HANDWRITTEN:
    seen.add(text)
    rows.append({"text": text, "label": label_of(score), "score": score, "channel": channel})
while len(rows) < 1250:
    channel = rng.choice(CHANNELS)
    kind = rng.choices(["neg", "neu", "pos"], weights=[42, 20, 38])[0]
    text, score = message(kind, channel)
    text = " ".join(text.split())
    if text in seen:
        continue
    label = label_of(score)
    seen.add(text)
    rows.append({"text": text, "label": label, "score": score, "channel": channel})

rng.shuffle(rows)
for row in rows:
    print(json.dumps(row, ensure_ascii=False))
