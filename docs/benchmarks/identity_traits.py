#!/usr/bin/env python3
"""Trait-only customer records with real-data noise, and their ground truth, for resolve-identity.

Writes canonical events (no identifiers, only `traits`) to OUT.ndjson and touchpoint-gen-style truth lines to
OUT.truth.ndjson, so that `resolve-identity < OUT.ndjson | touchpoint-accuracy --truth OUT.truth.ndjson` scores
probabilistic matching alone. Households share a surname, street and postcode; twins share a birth date too.
Noise per record: a typo in a name, a nickname, swapped first and last name, day and month transposed, a missing
field. Usage: identity_traits.py PEOPLE RECORDS SEED OUT
"""
import json
import random
import sys

people_count, record_count, seed, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rng = random.Random(seed)
FIRST = ("William Margaret Robert Elizabeth James Catherine Michael Patricia Thomas Susan Daniel Rebecca Joseph "
         "Victoria Richard Jennifer Anthony Samantha Edward Alexandra Priya Chidi Yuki Omar Lena Ivan Sofia Mateo "
         "Aisha Kofi Ingrid Tariq Mei Rafael Nadia Dmitri Amara Kenji Freya Luca").split()
NICK = {"William": "Bill", "Margaret": "Peggy", "Robert": "Bob", "Elizabeth": "Liz", "James": "Jim",
        "Catherine": "Kate", "Michael": "Mike", "Patricia": "Trish", "Thomas": "Tom", "Susan": "Sue",
        "Daniel": "Dan", "Rebecca": "Becky", "Joseph": "Joe", "Victoria": "Vicky", "Richard": "Rick",
        "Jennifer": "Jenny", "Anthony": "Tony", "Samantha": "Sam", "Edward": "Ted", "Alexandra": "Sasha"}
LAST = ("Smith Jones Okafor Rossi Nguyen Kowalski Baker Garcia Muller Kim Patel Singh Brown Dubois Silva Khan Ito "
        "Novak Berg Costa Wright Hamilton Fischer Romano Price Lee Nelson Clark Svoboda Hughes Murphy Kelly Walsh "
        "Byrne Ryan Doyle Lynch Quinn Nolan Moran").split()
STREETS = "Kings Road,Elm Close,Station Road,High Street,Mill Lane,Church Street,Park Avenue,Victoria Road".split(",")


def typo(word):
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    return word[:i] + rng.choice("aeiounrst") + word[i + 1:]


people = []
while len(people) < people_count:
    last = rng.choice(LAST) + rng.choice(["", "", "", "son", "er", "ley", "ford", "ini", "ova"])
    home = (f"{rng.randint(1, 200)} {rng.choice(STREETS)}",
            f"{rng.choice('BCEGLMNRSW')}{rng.choice('ABCDEHLNRSTW')}{rng.randint(1, 20)} "
            f"{rng.randint(1, 9)}{rng.choice('ABDEFGHJLN')}{rng.choice('PQRSTUWXYZ')}")
    size = rng.choice([1, 1, 1, 2, 2, 3, 4])
    twins = size >= 2 and rng.random() < 0.1
    birth = None
    for member in range(size):
        if twins and member == 1:
            born = birth
        else:
            born = (rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28))
        birth = born
        people.append((rng.choice(FIRST), last, born, home))
people = people[:people_count]

with open(out + ".ndjson", "w") as events, open(out + ".truth.ndjson", "w") as truth:
    for index in range(record_count):
        person = rng.randrange(people_count)
        first, last, (year, month, day), (street, postcode) = people[person]
        if rng.random() < 0.15:
            first = NICK.get(first, first)
        if rng.random() < 0.1:
            first = typo(first)
        if rng.random() < 0.1:
            last = typo(last)
        if rng.random() < 0.05 and day <= 12:
            month, day = day, month
        shape = rng.random()
        traits = {}
        if rng.random() < 0.05:
            traits["first_name"], traits["last_name"] = last, first
        else:
            traits["name"] = f"{first} {last}"
        if shape < 0.35:
            traits["postal_code"], traits["country"] = postcode, "GB"
        elif shape < 0.65:
            traits["birthday"] = f"{year:04}-{month:02}-{day:02}"
        else:
            traits["birthday"] = f"{year:04}-{month:02}-{day:02}"
            traits["address"] = street
            traits["postal_code"], traits["country"] = postcode, "GB"
        event = {"kind": "event", "id": f"till:{index}", "time": "2026-10-01T00:00:00.000Z",
                 "source": {"name": "till"}, "channel": "store", "type": "purchase", "stage": "purchase",
                 "ids": {}, "traits": traits}
        events.write(json.dumps(event, separators=(",", ":")) + "\n")
        truth.write(json.dumps({"kind": "truth", "source": "till", "ref": str(index), "person": f"P{person}"},
                               separators=(",", ":")) + "\n")
