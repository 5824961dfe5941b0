"""Fictional news articles written for this benchmark (no third-party text), as gold blocks.

Each article is a title, authors, a publication date and body blocks ``(type, text)`` with the
types the scorer knows: paragraph, heading, quote, list_item. Ordered list items carry their
number ("2. ..."), as the shared gold format does.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["ARTICLES", "Article"]


class Article(NamedTuple):
    slug: str
    title: str
    authors: tuple[str, ...]
    published: str  # "March 24, 2026", the gold format
    blocks: tuple[tuple[str, str], ...]


P, H, Q, L = "paragraph", "heading", "quote", "list_item"

ARTICLES: tuple[Article, ...] = (
    Article(
        "harbour", "Harbour Town Votes to Rebuild Its Storm-Damaged Seawall",
        ("Helen Marsh",), "April 7, 2026", (
            (P, "Residents of Port Elling voted on Tuesday to borrow 14 million dollars to rebuild "
                "the seawall that protects the old harbour, five months after a winter storm "
                "tore a forty-metre hole in it and flooded the fish market."),
            (P, "The measure passed by 2,312 votes to 1,140, a wider margin than either side "
                "had predicted. Turnout was 61 per cent, the highest for a local question since "
                "the town merged with its two neighbouring villages in 1998."),
            (P, "Work on the new wall is expected to begin in the autumn and to last two "
                "summers. The engineering firm that surveyed the damage said the original "
                "structure, built of granite blocks in the 1880s, had been undermined by decades "
                "of scouring that nobody had measured."),
            (H, "A divided waterfront"),
            (P, "Opponents argued that the town should move the market inland rather than "
                "defend a shoreline that will keep rising. Their campaign, run mostly by "
                "retired teachers and a handful of younger boat owners, held weekly meetings "
                "in the library and printed its own newsletter."),
            (Q, "We are not against the harbour. We are against pretending that one wall, "
                "however well built, settles the question for the next hundred years."),
            (P, "Supporters answered that the market, the ferry pier and about forty homes "
                "could not be moved at any price the town could afford. The harbour master, "
                "Tomas Reyes, said the vote gave the fleet a reason to stay."),
            (P, "The loan will be repaid over thirty years from a surcharge on property tax "
                "that the council estimates at about 90 dollars a year for a typical household. "
                "A state grant, if it comes, would cut that by a third."),
            (H, "What happens next"),
            (L, "1. The council must approve the final design by the end of June."),
            (L, "2. A public inquiry will hear objections from neighbouring landowners."),
            (L, "3. Tenders for the construction contract open in August."),
            (P, "The fish market reopened in February in a temporary hall behind the ferry "
                "office. Its traders say business is down by a quarter, and that most of the "
                "loss is tourists who no longer walk along the front."),
        )),
    Article(
        "orchestra", "Youth Orchestra Finds a New Home in a Former Tram Depot",
        ("Daniel Okafor", "Ruth Lindqvist"), "September 15, 2026", (
            (P, "For eleven years the Riverside Youth Orchestra rehearsed wherever someone "
                "would lend it a room: school halls, a church basement, and for one long winter "
                "the loading bay of a furniture warehouse."),
            (P, "This month its ninety players moved into the old tram depot on Canal Street, "
                "which the city has leased to the orchestra for a nominal rent of one euro a "
                "year. The building, listed since 1979, had stood empty for almost two "
                "decades."),
            (P, "Converting it took three years and cost 6.2 million euros, most of it raised "
                "from small donations. Volunteers stripped the paint from the iron roof "
                "trusses by hand, and a local acoustician donated her time to design the "
                "panels that now hang between them."),
            (Q, "The first time we played in here the sound just kept going. Nobody said "
                "anything for a while after the last chord."),
            (P, "The conductor, Miriam Achterberg, said the depot would change how the "
                "orchestra works as much as how it sounds. For the first time the players can "
                "leave their instruments overnight, and the percussion section no longer "
                "spends the first hour of every rehearsal unloading a van."),
            (H, "Open doors"),
            (P, "The building will also be used by other groups. The schedule for the first "
                "season includes:"),
            (L, "Free rehearsals open to the public on Saturday mornings"),
            (L, "A lending library of instruments for pupils who cannot afford their own"),
            (L, "Evening classes in composition and conducting for adults"),
            (P, "The orchestra's first concert in its new home, a programme of Brahms and "
                "Sibelius, is sold out. A second performance has been added for the following "
                "Sunday afternoon."),
        )),
    Article(
        "drought", "Farmers Turn to Old Grains as the Dry Seasons Lengthen",
        ("Amara Nwosu",), "June 2, 2026", (
            (P, "On a hillside above the Vale of Arden, Peter Coyle walks between rows of a "
                "wheat his grandfather would have recognised: tall, bearded and, by modern "
                "standards, hopelessly low-yielding."),
            (P, "Coyle is one of a growing number of farmers in the region who have planted "
                "heritage varieties after three summers in which rainfall fell below half of "
                "the long-term average. The old wheats root deeper and tolerate poor soil, he "
                "says, and in a bad year they simply do better."),
            (P, "Agronomists are cautious. Trials at the county research station found that "
                "the traditional varieties produced about 40 per cent less grain than modern "
                "ones in a normal season, but lost far less when the rain failed. Over five "
                "years, the two came out roughly even."),
            (H, "The millers' problem"),
            (P, "The harder question is who will buy the grain. Large mills are built around "
                "consistent, high-protein flour, and a heritage crop varies from field to field "
                "and year to year. A handful of small mills have sprung up to fill the gap, "
                "selling to bakeries that charge a premium for the bread."),
            (Q, "People will pay for a loaf that tastes of something. What they will not pay "
                "for is a story with no flavour behind it."),
            (P, "That premium is what keeps the experiment alive, according to a report "
                "published last month by the regional farmers' union. It found that growers "
                "who sold directly to a mill earned more per hectare from heritage wheat than "
                "from conventional crops, while those who sold on the open market earned less."),
            (P, "Coyle's harvest starts next week. He expects a light crop, and says he has "
                "already sold all of it."),
        )),
    Article(
        "library", "City Library Ends Late Fines and Sees Books Come Home",
        ("Grace Whitfield",), "January 19, 2026", (
            (P, "A year after the central library stopped charging fines for overdue books, "
                "more of them are coming back, and the people who borrowed them are coming "
                "back too."),
            (P, "Figures released by the library service on Monday show that returns of "
                "long-overdue items rose by 38 per cent in the twelve months after the change, "
                "and that 4,100 members whose cards had been blocked for unpaid fines borrowed "
                "something again."),
            (P, "The fines had brought in about 85,000 pounds a year, a small share of the "
                "library's budget but a large one for the families who paid them. Staff said "
                "the charges fell hardest on children, whose cards were often blocked for "
                "sums of a few pounds."),
            (H, "How the scheme works"),
            (L, "Items are still due back on a fixed date, and reminders are sent by text "
                "message or email."),
            (L, "An item more than eight weeks late is treated as lost and its replacement "
                "cost is charged."),
            (L, "The charge is cancelled in full when the item is returned in good "
                "condition."),
            (P, "Critics on the city council had warned that without fines borrowers would "
                "simply keep books. The head of the library service, Anil Chaudhry, said the "
                "opposite had happened."),
            (Q, "A fine tells people they have done something wrong. An amnesty tells them "
                "we would rather have them than the money, and most of them believe it."),
            (P, "The library plans to spend part of the time its staff once spent collecting "
                "fines on a new home-delivery service for housebound readers, starting in "
                "the spring."),
        )),
    Article(
        "bridge", "Engineers Find Cracks in the River Bridge Weeks Before It Was Due to Reopen",
        ("Marcus Feld",), "November 3, 2026", (
            (P, "Inspectors have found cracks in two of the steel girders of the Wexley river "
                "bridge, delaying its reopening by at least six months and leaving commuters "
                "facing a diversion of almost twelve kilometres through the winter."),
            (P, "The bridge was closed in March for a refurbishment that was meant to extend "
                "its life by forty years. The cracks were discovered during a final survey, "
                "after the new deck had been laid, when engineers used ultrasound to check "
                "welds that had been hidden under the old road surface."),
            (P, "The regional transport authority said on Thursday that the cracks did not "
                "pose an immediate danger, but that it would not allow traffic back onto the "
                "bridge until they had been repaired and the girders had been tested under "
                "load."),
            (H, "Questions for the contractor"),
            (P, "Councillors asked why the girders had not been examined before work began. "
                "The authority's chief engineer, Sofia Brennan, said the original survey had "
                "followed the usual standard, which did not require the welds to be uncovered."),
            (P, "She listed the steps the authority would now take:"),
            (L, "1. Remove the new deck above the damaged girders."),
            (L, "2. Repair the welds and reinforce both girders with bolted plates."),
            (L, "3. Load-test the bridge with loaded lorries before it reopens."),
            (P, "Local businesses on the north bank say they have already lost trade. The "
                "owner of a bakery near the bridge said her sales had fallen by a third since "
                "March, and that she did not know whether she could last until the summer."),
            (Q, "Every week someone tells us it will be open soon. I have stopped putting "
                "dates on the calendar."),
            (P, "A free shuttle bus across the rail bridge downstream will continue to run "
                "every fifteen minutes during the day."),
        )),
    Article(
        "telescope", "Amateur Astronomers Spot a Comet the Survey Telescopes Missed",
        ("Lena Hoffmann", "Kwame Mensah"), "August 28, 2026", (
            (P, "Two amateur astronomers working from a garden observatory have discovered a "
                "faint comet that slipped past the automated sky surveys, which photograph "
                "most of the visible sky every few nights."),
            (P, "The comet, now formally designated and named after its discoverers, was "
                "first noticed on images taken on the night of August 9. It appeared as a "
                "smudge close to a bright star, where the survey software, which discards "
                "objects near saturated pixels, had not looked."),
            (P, "Professional observers have since confirmed the find and calculated a "
                "preliminary orbit. The comet takes about 240 years to go around the Sun and "
                "will pass closest to it in early January, when it may become visible in "
                "binoculars from dark sites."),
            (H, "A hobby with a long record"),
            (P, "Amateurs once discovered most new comets, but the automated surveys that "
                "began in the late 1990s took over almost all of that work. Finds like this "
                "one are now rare enough to be celebrated at astronomy clubs across the "
                "country."),
            (Q, "We were checking a variable star, not hunting for anything. The comet was "
                "just sitting there in the corner of the frame."),
            (P, "The two observers, a retired postman and a secondary school physics teacher, "
                "have been photographing the sky together for nine years. Their equipment, "
                "they said, cost less than a second-hand car."),
            (P, "Observers hoping to see the comet for themselves should:"),
            (L, "look low in the south-west about an hour after sunset;"),
            (L, "use binoculars rather than a telescope, which shows too little sky;"),
            (L, "wait for a night without the Moon, around the middle of the month."),
        )),
    Article(
        "hospital", "Rural Hospital Keeps Its Maternity Ward After a Two-Year Campaign",
        ("Nadia Petrova",), "February 11, 2026", (
            (P, "The maternity ward at Greyhill Community Hospital will stay open, the "
                "regional health board decided on Wednesday, reversing a plan to move births "
                "to the city hospital sixty kilometres away."),
            (P, "The decision follows a campaign by local parents, midwives and doctors that "
                "collected more than 30,000 signatures, almost twice the population of the "
                "town itself. Campaigners had argued that the journey to the city, along a "
                "road that is often closed by snow, would put mothers and babies at risk."),
            (P, "The health board said that it had been persuaded by an independent review of "
                "travel times, which found that in bad weather one expectant mother in five "
                "would have needed more than ninety minutes to reach the city hospital."),
            (H, "Staffing remains a worry"),
            (P, "The ward still struggles to recruit. It has operated with two vacant "
                "midwife posts for most of the past year, and has relied on agency staff to "
                "cover nights. The board promised to offer housing to new recruits, a first "
                "for the region."),
            (Q, "Keeping the doors open is the easy part. Finding the people to work behind "
                "them is what will decide whether this ward is still here in ten years."),
            (P, "Parents who gathered outside the hospital after the announcement said they "
                "were relieved but would keep the campaign going until the new posts were "
                "filled."),
        )),
    Article(
        "market", "Weekly Market Returns to the Old Square After Forty Years",
        ("Pablo Serrano",), "May 23, 2026", (
            (P, "Stalls selling cheese, bread, flowers and second-hand books filled the Old "
                "Square on Saturday for the first weekly market held there since 1986, when "
                "the square was turned into a car park."),
            (P, "The car park closed last year after the council decided to pedestrianise "
                "the centre of the town. Traders had been sceptical that shoppers would come "
                "without being able to park at the door, but by mid-morning several of them "
                "had sold out."),
            (P, "The market will run every Saturday from eight until two. The council has "
                "capped pitch fees at 25 pounds for the first year and reserved a third of "
                "the pitches for producers from within twenty miles."),
            (H, "Rules for traders"),
            (L, "Stalls must be set up by half past seven and cleared by three."),
            (L, "Food sellers need a current hygiene certificate from the council."),
            (L, "No amplified music is allowed before ten in the morning."),
            (P, "The oldest trader at the opening, a ninety-one-year-old flower grower, had "
                "sold at the last market held in the square four decades ago."),
            (Q, "It looks smaller than I remember. But then everything does, at my age."),
            (P, "The council will review the market in the autumn, when it decides whether "
                "to add a second day in the summer months."),
        )),
)
