"""Whole invented events: reports of each (headline, outlet, date, body), for
``test_invented_events``. Invented names, places and figures; no corpus text."""

from __future__ import annotations

import datetime as dt

WIRE = (
    "A passenger train derailed near Tarrow Junction on Wednesday, killing 12 people and "
    "injuring 85, the national railway operator said.\n\n"
    "The train was carrying about 400 passengers when six carriages left the tracks, "
    "operator spokeswoman Lena Horvath said."
)
DERAILMENT = [
    ("Train derails near Tarrow Junction, 12 dead", "Wire Two", dt.date(2026, 6, 10), WIRE),
    (
        "Tarrow Junction derailment: 12 killed",
        "Morning Post",
        dt.date(2026, 6, 10),
        WIRE.replace("about 400", "roughly 400"),
    ),
    (
        "Hospital says derailment injured more than 120",
        "City Herald",
        None,  # an undated page
        "The regional hospital near Tarrow Junction said it had treated more than 120 people "
        "injured in Wednesday's derailment, far more than the 85 given by the railway "
        "operator.\n\nThe union said the train had been carrying nearly 600 passengers, not 400.",
    ),
    (
        "Tarrow Junction toll rises",
        "Wire Two",
        dt.date(2026, 6, 12),
        "The death toll from the Tarrow Junction derailment rose to 15 on Friday after three "
        "of the injured died in hospital, the railway operator said.",
    ),
    (
        "Bus crash at Tarrow Junction",
        "City Herald",
        dt.date(2024, 11, 3),
        "Four people were killed when a bus overturned at Tarrow Junction on Sunday, police "
        "said.\n\nThe bus was carrying 30 passengers.",
    ),
]
FLOOD = [
    (
        "Floods kill at least 23 in Velloran valley",
        "Wire One",
        dt.date(2026, 3, 2),
        "Flash floods killed at least 23 people in the Velloran valley on Sunday, regional "
        "officials said, and 40 others were missing.",
    ),
    (
        "Velloran flood toll rises to 31",
        "Daily Courier",
        dt.date(2026, 3, 3),
        "The death toll from floods in the Velloran valley rose to 31 on Monday, the regional "
        "civil protection agency said, with 28 people still unaccounted for.",
    ),
    (
        "Anger over Velloran flood warnings",
        "The Ledger",
        dt.date(2026, 3, 3),
        "A local rescue group said the real number of dead in the Velloran valley floods "
        "could be as high as 50, far above the official count.",
    ),
]

QUAKE = [
    (
        "Quake kills at least 2,100 in Corvane province",
        "Wire One",
        dt.date(2026, 9, 14),
        "A magnitude 6.4 earthquake struck Corvane province on Monday, killing at least 2,100 "
        "people and injuring more than 5,000, the interior ministry said.\n\n"
        "In 2011, an earthquake in the same province killed 600 people.",
    ),
    (
        "Corvane quake toll climbs to 2,450",
        "Evening Standard",
        dt.date(2026, 9, 15),
        "The death toll from Monday's earthquake in Corvane province climbed to 2,450 on "
        "Tuesday, the interior ministry said.",
    ),
    (
        "Corvane: survivors wait for aid",
        "The Observer",
        dt.date(2026, 9, 16),
        "Survivors of the Corvane earthquake waited for aid on Wednesday.\n\n"
        "The Red Crescent said the quake had killed or injured 8,000 people.",
    ),
]

CLASH = [
    (
        "Army says 60 militants killed near Tarsel crossing",
        "State Daily",
        dt.date(2026, 4, 20),
        "The army killed sixty militants in fighting near the Tarsel crossing on Sunday, a "
        "military spokesman, Colonel Dario Venn, said.\n\n"
        "Nine soldiers were killed, including two officers, Venn said.",
    ),
    (
        "Rebels say 45 soldiers died at Tarsel crossing",
        "Frontline News",
        dt.date(2026, 4, 20),
        "Rebel spokesman Amir Toleb said forty-five soldiers had been killed in Sunday's "
        "fighting at the Tarsel crossing, while 14 rebels died.",
    ),
]

WILDFIRE = [
    (
        "Wildfire near Dunmore Creek forces 3,000 to flee",
        "Wire One",
        dt.date(2026, 7, 2),
        "A wildfire near Dunmore Creek has burned 12,000 acres and destroyed 85 homes, fire "
        "officials said.\n\n"
        "A crew of about 40 firefighters held back some 500 acres of flames on the town's edge.",
    ),
    (
        "Dunmore Creek fire grows",
        "Valley Times",
        dt.date(2026, 7, 3),
        "The Dunmore Creek fire grew to 18,500 acres and has destroyed 140 homes, the state "
        "forestry agency said.\n\n"
        "Roughly 40 firefighters contained around 500 acres near the town.",
    ),
]

HURRICANE = [
    (
        "Hurricane Tamsin kills 12 in Jamaica",
        "Wire One",
        dt.date(2026, 10, 5),
        "Hurricane Tamsin killed at least 12 people in Jamaica on Sunday, the island's "
        "disaster agency said, before moving north toward Cuba.",
    ),
    (
        "Tamsin death toll in Haiti rises to 30",
        "Island Post",
        dt.date(2026, 10, 6),
        "At least 30 people were killed in Haiti as Hurricane Tamsin brought floods to the "
        "south of the country, civil protection officials said on Monday.",
    ),
    (
        "Cuba braces for Tamsin",
        "Wire One",
        dt.date(2026, 10, 6),
        "Cuba evacuated 250,000 people ahead of Hurricane Tamsin, which has killed at least "
        "42 people in Jamaica and Haiti, state media said.",
    ),
]

CRUSH = [
    (
        "Crush at Serrano festival kills at least 31",
        "Wire One",
        dt.date(2026, 5, 17),
        "At least 31 people were killed and more than 150 injured in a crush at a religious "
        "festival in Serrano on Saturday, the health ministry said.",
    ),
    (
        "Serrano toll rises to 38",
        "Wire One",
        dt.date(2026, 5, 19),
        "The death toll from Saturday's crush at the Serrano festival rose to 38 on Monday "
        "after seven of the injured died in hospital, the health ministry said.",
    ),
    (
        "Questions after Serrano disaster",
        "The Chronicle",
        None,  # an undated page
        "The health ministry has revised the number of injured in the Serrano festival "
        "crush down to 120 from more than 150.\n\n"
        "A 2009 stampede at the same festival killed 8 people.",
    ),
]

BLAST = [
    (
        "Kessan warehouse blast kills 17",
        "Wire One",
        dt.date(2026, 2, 12),
        "An explosion at a fireworks warehouse in Kessan killed 17 people and injured 230 on "
        "Thursday, the city's fire department said.",
    ),
    (
        "Kessan blast toll climbs past 20",
        "Wire One",
        dt.date(2026, 2, 14),
        "The number of people killed in Thursday's warehouse explosion in Kessan rose to 21 on "
        "Saturday after two bodies were pulled from the rubble, the fire department said.",
    ),
    (
        "Second blast at Kessan warehouse injures 4",
        "Metro",
        dt.date(2026, 2, 13),
        "A second explosion hit the Kessan warehouse on Friday, a day after the deadly blast, "
        "injuring four firefighters, the fire department said.",
    ),
    (
        "Explosion at Kessan chemical plant injures 5",
        "Daily Star",
        dt.date(2026, 3, 30),
        "Five workers were injured in an explosion at a chemical plant in Kessan on Monday, "
        "police said, six weeks after the deadly warehouse blast in the city.",
    ),
]

STRIKE = [
    (
        "Air strike on Hallan market kills 12, ministry says",
        "Wire One",
        dt.date(2026, 6, 2),
        "An air strike on a crowded market in the town of Hallan killed 12 civilians and "
        "wounded 40 on Monday, the health ministry said.",
    ),
    (
        "Dozens reportedly killed in Hallan strike",
        "Evening Post",
        dt.date(2026, 6, 2),
        "A monitoring group, the Hallan Rights Observatory, said 27 civilians were killed "
        "when an air strike hit a market in Hallan on Monday.",
    ),
    (
        "Military denies targeting civilians in Hallan",
        "State Herald",
        dt.date(2026, 6, 3),
        "The military said its strike near Hallan on Monday hit a weapons depot and killed "
        "15 fighters.",
    ),
    (
        "UN calls for inquiry into Hallan strike",
        "World Desk",
        dt.date(2026, 6, 4),
        "The United Nations called for an inquiry into Monday's strike on a market in "
        "Hallan, which it said killed at least 21 civilians.\n\n"
        "The health ministry raised its toll to 19 on Wednesday.",
    ),
]


COLLAPSE = [
    (
        "Apartment block collapses in Harlow Quay, dozens feared trapped",
        "Coast Daily",
        dt.date(2026, 2, 10),
        "HARLOW QUAY, Feb 10 (AFP) - A six-storey apartment block collapsed in the Harlow "
        "Quay district of Ostrev early on Tuesday, the fire brigade said.\n\n"
        "At least five people were killed and 23 were pulled out alive, fire chief Ana "
        "Dorsey told reporters.",
    ),
    (
        "Ostrev collapse: toll rises to 14",
        "Metro Wire",
        dt.date(2026, 2, 11),
        "The death toll from the collapse of an apartment block in Ostrev's Harlow Quay "
        "district rose to 14 on Wednesday, the mayor said.\n\n"
        "Mayor Ivo Brandt said 31 people had been rescued.",
    ),
    (
        "Families wait for news after Ostrev building collapse",
        "Harbour News",
        None,
        "Relatives gathered on Harlow Quay as rescuers searched for survivors of Tuesday's "
        "collapse.\n\nHundreds of people attended a vigil for residents killed in the "
        "collapse.",
    ),
    (
        "Another building collapses in Ostrev, days after Harlow Quay disaster",
        "Metro Wire",
        dt.date(2026, 2, 20),
        "A three-storey building collapsed in Ostrev's Eastgate district on Friday, ten days "
        "after the Harlow Quay collapse that killed 14 people.\n\nTwo people were injured.",
    ),
]
SIEGE = [
    (
        "Tarvon hotel siege ends; 22 dead including 4 attackers",
        "Sahel Times",
        dt.date(2026, 11, 21),
        "The siege of the Palm Court hotel in Tarvon ended on Saturday, the interior "
        "ministry said.\n\nTwenty-two people were killed, including four attackers.",
    ),
    (
        "Tarvon attack: government says 18 civilians killed",
        "Daily Post",
        dt.date(2026, 11, 21),
        "Eighteen civilians and four gunmen were killed in the attack on the Palm Court hotel "
        "in Tarvon, the government spokesman said.\n\n"
        "Among the dead were two French nationals, their government said.",
    ),
]
