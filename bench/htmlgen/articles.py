"""Article texts for the generated pages, written for this project (fictional news).

Each article is a small markup: blank lines separate blocks; ``## `` starts a heading, ``> `` a
quote, ``- `` a bullet, ``1. `` a numbered item, ``| a | b |`` a table row; other lines run
together into a paragraph. Furniture texts (teasers, comments, bios) are here too, so that the
page shapes in :mod:`make_pages` only arrange them.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class Article:
    key: str
    lang: str
    title: str
    authors: tuple[str, ...]
    published: str  # ISO date
    body: str


ARTICLES = (
    Article("seawall", "en", "Harbour town votes to rebuild its flooded sea wall",
            ("Maria Keane",), "2024-03-12", """
Residents of Porthmellin voted by a wide margin on Monday to rebuild the sea wall that gave way
during the January storms, ending months of argument over whether the town should retreat from
its lowest streets instead.

The new wall will be two metres higher than the old one and set back from the beach, so that
waves break on the shingle before they reach the stone. Engineers expect the work to take three
summers, with the harbour closed to larger boats for part of that time.

## A costly choice

The council put the cost at 18 million pounds, of which the town must raise a quarter through a
local levy spread over twenty years. Several speakers at the meeting said older residents on fixed
incomes would struggle to pay, and asked for a hardship fund.

> We are not going to let the sea take the street where my grandmother was born.

That was how Eileen Trask, who runs the chandlery on Quay Row, summed up the mood in the packed
village hall. Others were less certain: a retired surveyor warned that a higher wall would only
move the problem to the unprotected coves east of the harbour.

The regional flood agency, which backed the plan, said it would monitor the coves and publish
its readings every quarter. Work on the foundations is due to begin in May, once the last of the
winter storms has passed.
"""),
    Article("nightrail", "en", "Rail operator cuts night services as driver shortage deepens",
            ("Tom Ashdown", "Priya Natarajan"), "2023-11-02", """
The region's main rail operator will cancel most of its late-night trains from next month,
blaming a shortage of qualified drivers that it says will take at least two years to fix.

Passengers on four lines will lose their last two departures each evening. The operator said
the cuts were temporary and that it had started a training programme for eighty new drivers,
but union officials said the shortage had been years in the making.

The lines affected are:

- the Coast Line, where the 23:40 and 00:15 departures end;
- the Valley Line, which loses its last train to Eastbridge;
- the Airport Express, which will stop running after 23:00;
- the Northern Loop, where evening trains will run every hour instead of every half hour.

Hospital staff and bar workers, who depend on the late trains to get home after their shifts,
were among the first to complain. A nurse at the city hospital said she would now have to pay
for a taxi three nights a week or change to day shifts.

The transport authority said it would ask bus companies to add night routes that follow the
railway, and that it would review the timetable again in the spring.
"""),
    Article("reef", "en", "Scientists map the oldest known coral reef in the southern Pacific",
            ("Lena Ortiz",), "2022-08-19", """
A team of marine biologists has finished the first complete map of a coral reef that, by their
estimate, began growing more than nine thousand years ago on the flank of an undersea volcano.

The reef lies between forty and seventy metres deep, beyond the reach of most divers, which the
researchers believe is why it escaped the bleaching that damaged shallower reefs nearby during
the warm summers of the past decade.

## How the map was made

The survey used a small remotely operated vehicle that photographed the reef in overlapping
strips. Software stitched more than two hundred thousand pictures into a model detailed enough to
count individual coral heads.

## What comes next

The team wants the area protected from deep-sea trawling, which has scarred similar reefs in
other oceans. A proposal will go to the regional fisheries body at its meeting next year.

Until then, the scientists plan to return every six months to measure how quickly the reef is
growing, and whether the cooler water at that depth keeps protecting it as the surface warms.
"""),
    Article("budget", "en", "City budget: what the new spending plan means for you",
            ("Daniel Brook",), "2024-02-27", """
The city council approved its spending plan for the coming year on Tuesday night, after a
debate that ran past midnight. Here is what changes for residents, and what stays the same.

## Where the money goes

| Department | This year | Next year |
| Schools | 412 million | 431 million |
| Roads and transport | 198 million | 226 million |
| Parks and libraries | 64 million | 61 million |
| Housing support | 87 million | 95 million |

Roads get the biggest increase, most of it for resurfacing the ring road and repairing bridges
that inspectors flagged as worn last autumn.

## What residents need to do

1. Check the new waste collection calendar, which moves to fortnightly pickups in April.
2. Apply for the council tax discount before the end of May if you live alone.
3. Register for the parking permit scheme if your street joins a new controlled zone.

Library opening hours will shrink at three branches, a decision that drew the loudest protests of
the evening. The council said it would revisit the hours if a volunteer scheme can cover the
evenings.
"""),
    Article("bakery", "en", "Local bakery wins national bread award after decades of quiet work",
            ("Sam Holloway",), "2021-06-05", """
For forty-one years, the ovens at Fenwick's Bakery have been lit at three in the morning. On
Saturday, the small shop on Mill Lane was named the best independent bakery in the country.

Judges praised its sourdough, made with a starter that the founder, Agnes Fenwick, brought from
her mother's kitchen in 1980. Her son Robert, who runs the bakery today, said the starter had
survived two floods and one power cut that lasted four days.

The award comes with a cash prize, which the family plans to spend on a second oven so that they
can stop turning customers away on Saturday mornings.

Regulars were not surprised. One woman, who has bought the same seeded loaf every Friday since
the shop opened, said the only thing that had changed in all that time was the price.

Robert Fenwick said he would keep the hours and the recipes as they are. The bread, he said, was
never the hard part; getting up in the dark for forty years was.
"""),
    Article("storm", "en", "Storm leaves thousands without power across the northern valleys",
            ("Ruth Calloway", "Ibrahim Sule"), "2024-01-21", """
## Power restored to most of Eastbridge

Engineers have reconnected about nine thousand homes in Eastbridge overnight. The grid operator
says another four thousand homes in the upper valley may wait until Tuesday.

## Schools closed on Monday

The education office has told all schools in the northern district to stay closed on Monday,
because several roads are still blocked by fallen trees and buses cannot reach the villages.

## Rivers expected to peak this afternoon

The flood agency expects the River Wend to peak at around four o'clock this afternoon. Residents
of the lowest streets in Millbrook have been asked to move cars and valuables to higher ground.

## Emergency shelter opens at the sports hall

A shelter with camp beds, hot food and phone chargers has opened at the Millbrook sports hall for
anyone whose home is cold or flooded. Volunteers say around sixty people stayed there last night.

## Wind gusts reached 140 km/h

The weather service recorded gusts of 140 kilometres an hour on the ridge above Eastbridge, the
strongest it has measured there since records began.
"""),
    Article("orbit", "en", "Why small satellites are crowding low orbit",
            ("Jonah Whitfield",), "2023-05-30", """
Ten years ago, launching a satellite meant years of planning and a budget only a government or a
large company could afford. Today a university team can put a shoebox-sized satellite into orbit
for the price of a small house.

That change has filled the band of space a few hundred kilometres up with thousands of new
objects. Most are small, cheap and useful: they watch crops, track ships and relay messages from
remote places.

## The problem with crowds

Every object in orbit is also a potential collision. When two satellites hit, they break into
clouds of fragments that stay up for years and threaten everything else at that height.

Operators now receive several warnings a week about close approaches, and the larger fleets move
their satellites out of the way automatically. Smaller operators often cannot: many tiny
satellites have no engine at all.

## Cleaning up

Some agencies now require satellites to fall back into the atmosphere within five years of the
end of their mission. Engineers are also testing small sails that unfold at the end of a mission
and drag a satellite down faster.

None of this solves the problem of the debris already up there. But it may stop the crowd from
growing faster than anyone can manage.
"""),
    Article("river", "en", "Court delays ruling on the disputed river water deal",
            ("Helen Marsh",), "2022-10-14", """
The high court on Thursday postponed its ruling on the agreement that divides the water of the
River Aln between three farming districts, saying it needed more evidence about last summer's
drought.

The agreement, signed in 1962, gives the upstream district the first share of the water in dry
months. Farmers downstream argue that it was written for a wetter climate and has left their
fields dry for three of the last five summers.

Lawyers for the upstream district told the court that changing the deal would punish farmers who
had planned their crops around it for sixty years.

> A contract does not stop being a contract because the weather changed.

The judges asked both sides to submit river flow records for the past twenty years by the end of
the month. A ruling is now expected early next year, well before the spring planting season.
"""),
    Article("library", "en", "How a volunteer library network spread across rural schools",
            ("Grace Odhiambo",), "2023-03-08", """
It began with a single bookshelf in a primary school with no library. Six years later, the
volunteer network that built it runs reading rooms in one hundred and twelve rural schools.

The founders, two retired teachers, started by collecting books from friends and delivering them
in the boot of a car. Each school got a shelf, a box of books and a volunteer who came once a week
to read with the children.

Word spread through teachers' meetings. Schools began to ask for shelves, and parents began to
volunteer as readers. The network now has more than six hundred volunteers and a small warehouse
donated by a local builder.

The books rotate between schools every term, so that a child in a village of two hundred people
can read as widely as one in a town with a public library.

Teachers say the difference shows in the classroom. Children who used to avoid reading aloud now
argue about whose turn it is to pick the story.

The network is now looking for funding to hire its first full-time coordinator, so that the
founders can finally retire for a second time.
"""),
    Article("chess", "en", "Chess prodigy, 12, qualifies for the national championship",
            ("Owen Pryce",), "2024-04-18", """
A twelve-year-old from Castlereagh has become the youngest player ever to qualify for the
national chess championship, after winning the northern qualifier without losing a game.

Mia Lindqvist learned the game from her grandfather at the age of five. She now trains for two
hours every day after school, mostly by replaying the games of old masters.

Her coach said her calm at the board was unusual for any player, let alone one so young. The
championship begins in June, and she will face opponents who have played for longer than she has
been alive.
"""),
    Article("radwege", "de", "Stadtrat beschließt neues Radwegenetz für die Innenstadt",
            ("Anna Schmidt",), "2023-09-07", """
Der Stadtrat hat am Mittwochabend mit großer Mehrheit ein neues Radwegenetz für die Innenstadt
beschlossen. Bis 2027 sollen zwölf Kilometer getrennte Radwege entstehen, vor allem entlang der
großen Ausfallstraßen.

Die Kosten werden auf rund 24 Millionen Euro geschätzt. Das Land will etwa die Hälfte davon
übernehmen, den Rest muss die Stadt aus ihrem Haushalt bezahlen.

## Kritik vom Einzelhandel

Einige Geschäftsleute befürchten, dass durch die neuen Radwege Parkplätze wegfallen und Kunden
ausbleiben. Die Verwaltung verspricht, in der Nähe der Einkaufsstraßen neue Parkhäuser
auszuschildern und Lieferzonen einzurichten.

Der Fahrradclub begrüßte den Beschluss, forderte aber einen schnelleren Zeitplan. Die ersten
Abschnitte sollen im kommenden Frühjahr gebaut werden.
"""),
    Article("bibliotecas", "es",
            "El ayuntamiento amplía el horario de las bibliotecas públicas",
            ("Lucía Gómez",), "2024-05-22", """
Las bibliotecas públicas de la ciudad abrirán hasta las diez de la noche a partir de septiembre,
según anunció el ayuntamiento este martes tras meses de peticiones de estudiantes y vecinos.

La medida afectará a las seis bibliotecas de los distritos con más población. El ayuntamiento
contratará a veinte nuevos trabajadores para cubrir los turnos de tarde y de fin de semana.

Los estudiantes universitarios, que durante los exámenes llenan las salas desde primera hora,
celebraron la noticia en las redes sociales. Muchos se quejaban de que no tenían un lugar
tranquilo para estudiar por la noche.

La concejala de Cultura explicó que el nuevo horario se revisará dentro de un año, cuando se
conozcan los datos de uso de cada biblioteca.
"""),
    Article("gongyuan", "zh", "城市公园扩建工程正式启动", ("王伟",), "2023-04-11", """
本市最大的城市公园扩建工程于昨天正式启动，预计两年内完工。扩建后，公园面积将增加近一倍，
并新增湿地、儿童游乐区和环湖步道。

据市园林部门介绍，扩建工程总投资约三亿元，其中大部分用于湿地修复和绿化。新建的湿地将帮助
城市在雨季蓄水，减轻周边街道的积水问题。

附近居民对这一消息表示欢迎。一位每天在公园晨练的老人说，希望施工期间能保留现有的步道，
让大家仍然可以散步。

园林部门表示，施工将分区进行，公园的主要区域在施工期间照常开放。
"""),
    Article("tetsudo", "ja", "地方鉄道の新型車両が運行開始", ("佐藤花子",), "2022-12-01", """
山あいの町を結ぶ地方鉄道で、新型車両の運行が今日から始まりました。新しい車両は従来より
燃費が良く、車いすのまま乗れるスペースも設けられています。

鉄道会社によりますと、新型車両は三両が導入され、来年の春までにすべての古い車両と入れ替える
予定です。一番列車には朝早くから多くの鉄道ファンが集まりました。

沿線の高校に通う生徒は、冬でも車内が暖かくなったと話していました。会社は、利用者を増やす
ために観光客向けの企画列車も検討しているということです。
"""),
)


TEASERS = (
    ("Council approves late-night bus trial for the city centre",
     "The six-month trial will run buses every half hour until three in the morning."),
    ("Museum reopens its natural history wing after a long restoration",
     "The skeleton of the whale that hung in the hall for a century is back in place."),
    ("Farmers warn of a poor apple harvest after the spring frost",
     "Growers say some orchards lost nearly half their blossom in a single night."),
    ("New ferry route links the islands to the mainland twice a day",
     "The service starts in June and will carry cars as well as foot passengers."),
    ("University opens a research centre for coastal erosion",
     "Scientists will study how cliffs and beaches change during winter storms."),
    ("Football club unveils plans for a larger stadium",
     "The club wants to add eight thousand seats without leaving its old ground."),
    ("Hospital waiting times fall for the third month in a row",
     "Managers credit new evening clinics and a second scanner for the improvement."),
    ("Police appeal for witnesses after a crash on the ring road",
     "Two people were taken to hospital and the road was closed for several hours."),
)

COMMENTS = (
    ("Brian_K", "I have lived here for thirty years and this is the first sensible decision the "
     "council has made. Let us hope they actually deliver it on time and on budget this time."),
    ("greenfinch", "Nobody seems to have asked what happens to the people who live further along "
     "the coast. Moving the problem down the road is not a solution, it is a postponement."),
    ("Martha P.", "My father worked on the old wall in the seventies and he always said it would "
     "not last another fifty years. Sad to be proved right, but glad something is being done."),
    ("observer42", "The article does not mention who will pay if the costs run over, which they "
     "always do. I would like to see the full contract published before anyone signs it."),
    ("J. Ellis", "Great reporting, thank you. It is good to read a piece that explains both sides "
     "without shouting. More of this please, and fewer lists of celebrity gossip."),
    ("coastwalker", "I walk along there every morning with the dog and the damage is far worse "
     "than the photographs show. Half the path has simply gone into the sea since Christmas."),
)

BIO = ("{author} is a staff reporter who has covered local government, transport and the "
       "environment for the paper since 2015. Before that, {author} worked for a regional radio "
       "station.")
NEWSLETTER = ("Get the morning briefing: the day's most important stories, sent to your inbox "
              "before breakfast every weekday. Sign up now, it is free.")
COOKIE = ("We use cookies and similar technologies to improve your experience on our site, to "
          "personalise content and adverts and to analyse our traffic. By clicking accept you "
          "agree to this use. You can change your choices at any time in the privacy settings.")
PAYWALL = ("You have reached your limit of free articles this month. Subscribe today to continue "
           "reading and support independent local journalism.")
