"""Name, code and free-text pools for ``generate.py`` (entirely fictional data).

Forenames and surnames are common names from many heritages, combined at
random, so no row describes a real person. Names in ``HERITAGES`` are all
representable in Windows-1252 (children.csv is written in it); ``EXTENDED`` holds
a few spellings that are not (used only in the UTF-8 cp_plans.csv).

A surname written ``Kowalski|Kowalska`` has a male and a female form.

Text placeholders: {name} (the name the child uses), {he}/{his}/{him}/{he_cap}
(pronouns), {sib} (brother/sister), {carer} (carer's first name), {sw} (social
worker), {friend}, {activity}, {d} (a target date in the sentence).
"""

from __future__ import annotations

# key: (weight, ethnicity code, male forenames, female forenames, surnames)
HERITAGES: dict[str, tuple[float, str, str, str, str]] = {
    "english": (
        55,
        "WBRI",
        "Oliver Harry Jack George Noah Charlie Jacob Alfie Freddie Oscar Leo Archie Joshua "
        "Thomas William James Ethan Mason Riley Logan Tyler Kai Callum Liam Reece Connor "
        "Jayden Lewis Ryan Ellis Alex Sam Toby Finley Harvey Louie Tommy Bobby Jenson",
        "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Evie Poppy "
        "Ella Daisy Chloe Megan Holly Jessica Millie Lacey Skye Courtney Paige Ellie Amber "
        "Summer Harper Willow Ruby Zoë Chloë Kayla Leah Jasmine Phoebe Hollie Maisie",
        "Smith Jones Taylor Brown Wilson Johnson Walker Wright Robinson Thompson White "
        "Hughes Edwards Green Hall Wood Harris Clarke Jackson Turner Hill Moore Cooper "
        "Ward Morris King Watson Baker Harrison Morgan Patel Young Allen Mitchell Bell "
        "Kelly Wilkinson Marshall Simpson Fletcher Barker Pickering Dunn Holt Gibbs "
        "Sutton Kemp Lowe Shaw Atkinson Booth Hartley Brookes Fenwick Ashworth Tillman "
        "Pearson Dixon Hudson Holmes Rowley Chapman Kirby Nolan Webster Lambert Fowler Briggs "
        "Naylor Royle Crossley Stubbs Whitehead Tomlinson Goodwin Parkin Rushton Wardle Sharples "
        "Hindle Lees Ogden Platt Rigby Swales Tattersall Bamford Cartwright Dobbs Eccles Flint "
        "Garner Hirst Ingham Jagger Knowles Moss Nutter Oldroyd Pilling Sugden Tunstall Widdop",
    ),
    "welsh": (
        2.5,
        "WBRI",
        "Rhys Dylan Gethin Iwan Osian Macsen Tomos Ifan Deio Cai",
        "Siân Cerys Ffion Carys Nia Megan Eira Lowri Seren Elin",
        "Jones Evans Pritchard Llewellyn Vaughan Price Howells Prosser Griffiths Bevan",
    ),
    "irish": (
        2,
        "WIRI",
        "Seán Cian Oisín Ciarán Darragh Eoin Fionn Cillian Ronan Padraig",
        "Niamh Aoife Róisín Saoirse Siobhán Orla Clodagh Aisling Caoimhe Bríd",
        "O’Neill O’Connor O'Brien Murphy Byrne Gallagher McCarthy Doyle Kavanagh O’Sullivan",
    ),
    "traveller": (
        1.5,
        "WIRT",
        "Patrick Johnny Martin Michael Tom Francie Jimmy",
        "Bridget Kathleen Mary Margaret Nora Winnie Ellen",
        "Ward McDonagh Connors Joyce Maughan Doherty Collins Stokes",
    ),
    "roma": (
        1.5,
        "WROM",
        "Denis Marek Dominik Nikola Patrik Robert Erik",
        "Vanesa Kristýna Nikola Sabina Denisa Monika Lenka",
        "Horváth Lakatos Balog Oláh Rostas Dudy Kotlár",
    ),
    "polish": (
        3,
        "WOTH",
        "Jakub Kacper Szymon Filip Antoni Franciszek Wojciech Igor Oskar",
        "Zofia Wiktoria Maja Julia Oliwia Zuzanna Lena Hanna Amelia Natalia",
        "Kowalski|Kowalska Nowak Wójcik Mazur Krawczyk Kaczmarek Lewandowski|Lewandowska "
        "Zielinski|Zielinska Szymanski|Szymanska Piotrowski|Piotrowska Grabowski|Grabowska",
    ),
    "romanian": (
        2,
        "WOTH",
        "Andrei Alexandru Mihai Gabriel David Darius Matei Luca Ionut Cristian",
        "Ioana Maria Elena Bianca Andreea Daria Alexia Sofia Ana Irina",
        "Popescu Ionescu Constantin Dumitru Stan Munteanu Marin Tudor Florea Gheorghe",
    ),
    "portuguese": (
        1,
        "WOTH",
        "João Tomás Gonçalo Rafael Diogo Rodrigo Duarte Martim",
        "Inês Beatriz Leonor Matilde Carolina Mariana Francisca Lara",
        "Silva Santos Ferreira Gonçalves Rodrigues Conceição Pereira Almeida Sousa",
    ),
    "caribbean": (
        2.5,
        "BCRB",
        "Marcus Jermaine Andre Kayden Tyrese Elijah Dwayne Isaiah Reuben Malachi",
        "Tanisha Keisha Nia Leah Shanelle Jada Aaliyah Destiny Naomi Simone",
        "Campbell Grant Francis Clarke Powell Thompson Brown Henry Reid Bailey Gordon",
    ),
    "somali": (
        2,
        "BAFR",
        "Abdi Mohamed Liban Hamza Yusuf Abdirahman Said Mahad Khalid Ayub",
        "Hodan Fartun Ayaan Sagal Ifrah Hibo Sahra Nimo Ubah Idil",
        "Warsame Farah Abdullahi Hassan Ali Jama Nur Osman Egal Aden",
    ),
    "nigerian": (
        2,
        "BAFR",
        "Chidi Tobi Oluwaseun Emeka Kehinde Tunde Chinedu Femi Damilola Ikenna",
        "Adaeze Ngozi Funmilayo Tolu Chioma Amaka Temitope Ifeoma Yetunde Zainab",
        "Okafor Adeyemi Balogun Eze Okonkwo Adebayo Nwosu Ogunleye Olawale Uche",
    ),
    "ghanaian": (
        1,
        "BAFR",
        "Kwame Kofi Yaw Kojo Kwabena Kwesi Nana Fiifi",
        "Ama Abena Akosua Esi Adwoa Efua Afia Akua",
        "Mensah Owusu Boateng Asante Osei Appiah Addo Amoah",
    ),
    "pakistani": (
        3.5,
        "APKN",
        "Hamza Ibrahim Bilal Usman Ayaan Zayn Haris Rayyan Imran Faisal Adeel Arham",
        "Ayesha Zainab Maryam Aliyah Hafsa Amna Iqra Sana Aleena Mehreen Noor Anaya",
        "Khan Hussain Akhtar Iqbal Raza Qureshi Mahmood Shah Bibi Malik Butt Anwar",
    ),
    "bangladeshi": (
        1.5,
        "ABAN",
        "Rahim Rayhan Tanvir Nabil Shahid Arif Sami Rafi",
        "Tasnim Nusrat Sumaiya Faria Tahmina Rumana Jannat Lamia",
        "Begum Rahman Miah Uddin Chowdhury Ahmed Islam Hoque",
    ),
    "chinese": (
        0.7,
        "CHNE",
        "Wei Jun Hao Ming Kai Chen Jian",
        "Mei Xin Yan Lin Jia Hui Ling",
        "Chen Wong Li Zhang Lam Cheung Liu Ho",
    ),
    "vietnamese": (
        1,
        "AOTH",
        "Minh Huy Duc Nam Quang Tuan",
        "Linh Anh Thao Mai Ngoc Trang",
        "Nguyen Tran Pham Le Hoang Vu Dang",
    ),
    "kurdish": (
        1,
        "OOTH",
        "Rebin Hawre Aras Karwan Dilshad Shvan Baran",
        "Shilan Dilan Rojin Helin Avin Nazdar Berivan",
        "Mahmoud Kareem Rashid Aziz Salih Hama Omer",
    ),
}

# Mixed heritage: (weight, code, forename sources, surname sources)
MIXED: dict[str, tuple[float, str, tuple[str, ...], tuple[str, ...]]] = {
    "mixed_caribbean": (5, "MWBC", ("english", "caribbean"), ("english", "caribbean")),
    "mixed_asian": (2, "MWAS", ("english", "pakistani", "bangladeshi"), ("english", "pakistani")),
    "mixed_african": (2, "MWBA", ("english", "nigerian", "ghanaian"), ("english", "nigerian")),
    "mixed_other": (2, "MOTH", ("english", "polish", "chinese", "portuguese"), ("english",)),
}

# Unaccompanied asylum-seeking children: (weight, code, male forenames, surnames, language)
UASC: dict[str, tuple[float, str, str, str, str]] = {
    "afghan": (
        2,
        "AOTH",
        "Ahmad Farid Nasir Samiullah Jawad Habib Rahmatullah Mustafa",
        "Hakimi Noori Rahimi Ahmadzai Safi Karimi Popal Sultani",
        "Pashto",
    ),
    "eritrean": (
        1.5,
        "BAFR",
        "Yonas Robel Filmon Dawit Semere Henok Biniam Merhawi",
        "Tesfay Haile Gebremariam Berhane Tekle Kidane Woldu Ghebre",
        "Tigrinya",
    ),
    "sudanese": (
        1,
        "BAFR",
        "Mohamed Abdelrahman Osman Musa Adam Ishag Yahya",
        "Abdalla Ibrahim Adam Elamin Hamid Suliman Babiker",
        "Arabic",
    ),
    "kurdish_uasc": (
        1,
        "OOTH",
        "Rebin Hawre Karwan Shvan Baran Dana Soran",
        "Mahmoud Kareem Rashid Aziz Salih Hama Omer",
        "Kurdish (Sorani)",
    ),
}

# Spellings outside Windows-1252: only for children who appear in cp_plans.csv alone.
EXTENDED = {  # (male forenames, female forenames, surnames)
    "polish": (
        "Mikołaj Jędrzej Przemysław",
        "Łucja Małgorzata Jadwiga",
        "Wiśniewski|Wiśniewska Dąbrowski|Dąbrowska Zając",
    ),
    "romanian": (
        "Ștefan Răzvan Ionuț",
        "Ștefania Mădălina Alexandra",
        "Răducanu Țurcanu Ștefănescu",
    ),
    "vietnamese": ("Đức Quốc Tùng", "Hương Thảo Ngọc", "Nguyễn Trần Phạm"),
}

NICKNAMES = {
    "Oliver": "Ollie",
    "Jacob": "Jake",
    "Joshua": "Josh",
    "Thomas": "Tom",
    "William": "Will",
    "James": "Jamie",
    "Finley": "Finn",
    "Freddie": "Fred",
    "Harvey": "Harv",
    "Tyler": "Ty",
    "Connor": "Con",
    "Lewis": "Lew",
    "Callum": "Cal",
    "Jayden": "Jay",
    "Louie": "Lou",
    "Alex": "Lexi",
    "Olivia": "Liv",
    "Isabella": "Izzy",
    "Sophia": "Sophie",
    "Jessica": "Jess",
    "Megan": "Meg",
    "Jasmine": "Jas",
    "Kayla": "Kay",
    "Courtney": "Court",
    "Millie": "Mills",
    "Amelia": "Millie",
    "Ruby": "Rubes",
    "Ellie": "Els",
    "Rosie": "Ro",
    "Evie": "Eve",
    "Macsen": "Max",
    "Tomos": "Tom",
    "Gethin": "Geth",
    "Rhys": "Rhysie",
    "Carys": "Cari",
    "Padraig": "Paddy",
    "Patrick": "Paddy",
    "Michael": "Mikey",
    "Margaret": "Maggie",
    "Kathleen": "Katie",
    "Bridget": "Bridie",
    "Ciarán": "Kieran",
    "Siobhán": "Shiv",
    "Szymon": "Szymek",
    "Wojciech": "Wojtek",
    "Franciszek": "Franek",
    "Jakub": "Kuba",
    "Zuzanna": "Zuza",
    "Wiktoria": "Wika",
    "Natalia": "Tala",
    "Dominik": "Dom",
    "Kristýna": "Týna",
    "Alexandru": "Alex",
    "Andrei": "Andy",
    "Cristian": "Cris",
    "Gabriel": "Gabi",
    "Andreea": "Deea",
    "Gonçalo": "Gonça",
    "Beatriz": "Bia",
    "Mariana": "Mari",
    "Francisca": "Chica",
    "Marcus": "Marc",
    "Jermaine": "Jay",
    "Tanisha": "Tash",
    "Elijah": "Eli",
    "Malachi": "Kai",
    "Mohamed": "Mo",
    "Abdirahman": "Abdi",
    "Ibrahim": "Ibby",
    "Zainab": "Zee",
    "Maryam": "Mimi",
    "Ayesha": "Aisha",
    "Usman": "Ozzy",
    "Oluwaseun": "Seun",
    "Temitope": "Temi",
    "Funmilayo": "Funmi",
    "Damilola": "Dami",
    "Adaeze": "Ada",
    "Chinedu": "Chi",
    "Ikenna": "Ike",
    "Ifeoma": "Ify",
    "Kehinde": "Kenny",
    "Kwabena": "Kobby",
    "Samiullah": "Sami",
    "Rahmatullah": "Rahmat",
    "Abdelrahman": "Abdo",
    "Mei": "May",
    "Rayhan": "Ray",
    "Sumaiya": "Sumi",
    "Matilde": "Tilda",
    "Elizabeth": "Lizzie",
}
CHOSEN_NAMES = "Alex Sky Rowan Jamie Charlie Robin Ash Kit Frankie Jordan River Sasha"

STAFF_FORENAMES = (
    "Priya Jo Sam Chris Helen Sarah Karen Paul Mark Nadia Tariq Grace Funmi Kerry Sian "
    "Emma Rachel Lisa Donna Gareth Imran Aisha Ruth Claire Dawn Angela Bernadette Colm "
    "Nkechi Kwesi Marta Ewa Dorota Ioana Lucy Hannah Natalie Kirsty Joanne Michelle Stuart "
    "Adrian Simon Wendy Yvonne Beverley Abdul Shazia Parveen Rukhsana Delroy Marcia Sonia "
    "Mei Anh Lauren Charlotte Beth Nicola Vicky Gemma Tom Dan Rob Neil Ian Julie Carol"
)
STAFF_SURNAMES = (
    "Shah Bell Whitfield Okonjo Pearce Driscoll Marsden Chaudhry Ellison Brennan Fairclough "
    "Hussain Lindqvist Adeyemi Kowalczyk Garside Ibbotson Mensah Pritchard Rahman Sandhu "
    "Thornton Wadsworth Nkemelu Gill Hollins Ambrose Devlin Sykes Ramsden Haigh Begum "
    "Lister Crowther Oduya Nowicka Fitzgerald Osei Greenwood Kaur Ahmed Clough Dobson "
    "Haworth Lockwood Mahmood Ncube Quinn Rowbotham Sewell Varley Yates Zielinska "
    "Achterberg Bairstow Catterall Dyson Entwistle Firth Gledhill Hepworth Illingworth"
)

TEAMS_CLA = ("Children in Care 1", "Children in Care 2")
TEAM_DISABLED = "Disabled Children"
TEAM_LEAVING = "Leaving Care"
TEAM_ASSESS = "Assessment and Intervention"
TEAMS_CP = (
    "Child Protection 1",
    "Child Protection 2",
    "Assessment and Intervention",
    "Family Support",
)
IRO_TEAMS = ("IRO North", "IRO South")
IRO_FTES = (1.0, 0.8, 0.6, 1.0, 0.6, 0.8, 0.8, 0.5, 0.5)

ACTIVITIES = (
    "football club",
    "swimming lessons",
    "dance class",
    "Scouts",
    "drama group",
    "boxing club",
    "art club",
    "guitar lessons",
    "Cubs",
    "Brownies",
    "gymnastics",
    "youth club",
    "cricket",
    "coding club",
    "karate",
)

REARRANGED_REASONS = (
    "Social worker unwell",
    "Reviewing officer on leave",
    "Foster carer unable to attend",
    "Court hearing on the same day",
    "Interpreter not available",
    "Child asked for the meeting to be after school",
    "Mum asked for a different date",
    "Room double-booked",
    "Care plan not updated in time for the meeting",
    "School trip on the day",
    "Child unwell",
    "Social worker changed; new worker not yet met the child",
)
CANCELLED_REASONS = (
    "Cancelled: social worker left the authority",
    "Cancelled: meeting booked in error",
    "Cancelled: placement move on the day",
    "Cancelled: family bereavement",
    "Cancelled: reviewing officer unwell, no cover available",
)

DRP_THEMES = (
    "Care planning drift",
    "Delay in assessment",
    "Contact/family time arrangements",
    "Education",
    "Health assessment overdue",
    "Placement stability",
    "Permanence planning",
    "Life story work not started",
    "Statutory visits overdue",
    "Pathway plan not completed",
    "Sibling assessment outstanding",
)
PA_THEMES = (
    "Good practice: direct work with the child",
    "Good practice: life story work",
    "Good practice: sibling time kept going through a move",
    "Good practice: child's views at the centre of the plan",
    "Good practice: timely permanence planning",
)


# Child's Views, by age band.
VIEWS_BABY = (
    "{name} is too young to give views in words. {carer} says {he} is settled and loves bath time.",
    "{name} is too young to share views. {he_cap} smiled and babbled through the visit.",
    "Too young to give views. {name} reaches for {carer} when upset and settles quickly.",
    "{name} cannot share views yet; {he} is crawling and enjoys the baby group on Mondays.",
    "Views observed: {name} is calm, feeding well and likes being sung to.",
)
VIEWS_YOUNG = (
    "{name} drew a picture of {his} family with {carer}'s dog in the middle.",
    "{name} said {he} likes {his} school and {his} best friend is {friend}.",
    "{name} told {his} social worker: “I want to see my {sib} more.”",
    "{name} said the best thing this term was the trip to the seaside.",
    "{name} used the feelings cards: happy about school, sad about not seeing Dad.",
    "“I like it here because {carer} makes pancakes.”",
    "{name} said {he} wants to keep going to {activity}.",
    "{name} asked if {his} meeting could be at home, not at school.",
)
VIEWS_OLDER = (
    "“I want to see my {sib} more.”",
    "“I like living with {carer}. I don't want to move again.”",
    "“I want to go home to Mum but I know it's not safe yet.”",
    "“Can I have my phone back at weekends?”",
    "“I want to stay here until I'm 18.”",
    "“I don't like it when my meetings are at school because everyone knows.”",
    "“I want to know why I can't see Dad.”",
    "“I'm worried about my {sib}.”",
    "“I want my meeting to be short and not in the holidays.”",
    "“I want to do {activity} on Saturdays.”",
    "{name} told {his} advocate {he} wants more pocket money and a later bedtime.",
    "{name} said {he} is happy where {he} lives and wants to stay at {his} school.",
    "{name} wrote {his} views on the “All about me” form: likes school, wants more time with Nan.",
    "“I feel like nobody listens when I say I want to see my friends.”",
    "{name} said {he} is fed up with having a new social worker every few months.",
    "“I want to keep my room the same when I go to secondary school.”",
)
VIEWS_TEEN = (
    "“I want to learn to drive and get a job at the garage.”",
    "“I want to stay put with {carer} after I'm 18.”",
    "“I want my own flat near college.”",
    "“Stop asking me the same questions at every meeting.”",
    "{name} said {he} wants to see {his} mum every week and wants to be trusted more.",
    "“I want to go to college to do hair and beauty.”",
    "{name} said {he} wants help with money and cooking before moving on.",
    "“I want to find my dad.”",
    "“I'm happy. Just let me get on with my exams.”",
    "{name} wants {his} meeting at the youth centre with just the people {he} chooses.",
)
VIEWS_NONE = (
    "",
    "{name} did not want to share views this time.",
    "{name} was invited but chose not to take part.",
)

WORKING_WELL = (
    "{name} is settled with {carer} and has a good routine.",
    "School attendance is 96% this term.",
    "Family time with Mum has happened every week as planned.",
    "{name} has joined {activity} and goes every week.",
    "Health assessment and dental check are up to date.",
    "{name} is sleeping through the night.",
    "Reading has improved: {name} has moved up two reading levels.",
    "Good relationship with {sw}, who visits every four weeks.",
    "{name} has started saying how {he} feels instead of shutting down.",
    "Life story work has started and {name} enjoys the sessions.",
    "{name} and {his} {sib} met up at half term and had a good day.",
    "{carer} and Mum now talk at handover, which {name} says helps.",
    "{name} has had no exclusions this year.",
    "{name} got a certificate for kindness in assembly.",
)
WORKING_WELL_BABY = (
    "{name} is settled with {carer}, feeding well and gaining weight.",
    "Development check shows {name} is meeting milestones.",
    "Family time with Mum three times a week; Mum has attended every session.",
    "{name} has a warm bond with {carer}.",
)
WORKING_WELL_TEEN = (
    "{name} has a part-time job at the bakery on Saturdays.",
    "{name} passed {his} theory test.",
    "{name} is attending college most days.",
    "{name} is cooking two meals a week with {carer}.",
)
WORRIES = (
    "{name} has missed 12 days of school since September.",
    "Family time with Dad has been cancelled three times.",
    "{name} went missing overnight twice in October.",
    "{name} has waited 9 months for an appointment with the mental health team.",
    "The health assessment is overdue.",
    "{name} has had three social workers this year.",
    "Court timetable has slipped again; final hearing now expected in the spring.",
    "{name} is spending a lot of time online late at night.",
    "Bedwetting has come back since the change of school.",
    "No date yet for the sibling assessment.",
    "{name} says {he} is being picked on at school.",
    "",
)
WORRIES_TEEN = (
    "No plan yet for where {name} will live after 18.",
    "{name} was found in another town with older young people; worries about exploitation.",
    "{name} is not in school, training or work.",
    "{name} has been smoking cannabis most days.",
)
WORRIES_BABY = (
    "Assessment of Dad not started.",
    "Mum has missed some family time sessions.",
    "Hearing test outstanding.",
)

# Recommendations. Good: (min age, max age, text, responsible role key).
# role keys: sw, carer, teacher, tm, iro, pa, hv
GOOD_RECS = (
    (
        4,
        17,
        "{sw} (social worker) will arrange for {name} to see {his} {sib} every other "
        "Saturday, starting by {d}.",
        "sw",
    ),
    (2, 17, "{carer_full} will book a dental check-up for {name} by {d}.", "carer"),
    (
        0,
        17,
        "{sw} (social worker) will ask the school nurse to complete {name}'s health "
        "assessment by {d}.",
        "sw",
    ),
    (5, 15, "{carer_full} will take {name} to swimming lessons every Tuesday from {d}.", "carer"),
    (
        5,
        17,
        "{sw} (social worker) will start life story work with {name}, meeting every two "
        "weeks from {d}.",
        "sw",
    ),
    (0, 17, "{sw} (social worker) will share {name}'s updated plan with Mum by {d}.", "sw"),
    (5, 17, "{tm} (team manager) will confirm funding for {name}'s {activity} by {d}.", "tm"),
    (8, 17, "{carer_full} will help {name} open a savings account by {d}.", "carer"),
    (
        3,
        17,
        "{sw} (social worker) will set up a weekly video call between {name} and Dad, "
        "starting by {d}.",
        "sw",
    ),
    (
        5,
        11,
        "{teacher} (class teacher) will give {name} one-to-one reading support three "
        "times a week from {d}.",
        "teacher",
    ),
    (
        8,
        17,
        "{sw} (social worker) will refer {name} to the youth counselling service by {d}.",
        "sw",
    ),
    (
        5,
        17,
        "{iro} (reviewing officer) will write to {name} to explain what was agreed at "
        "this meeting by {d}.",
        "iro",
    ),
    (
        7,
        17,
        "{sw} (social worker) will ask {name} where {he} wants {his} next meeting to be, by {d}.",
        "sw",
    ),
    (16, 17, "{pa} (personal adviser) will help {name} apply for the college course by {d}.", "pa"),
    (16, 17, "{pa} (personal adviser) will go with {name} to view two flats by {d}.", "pa"),
    (10, 17, "{sw} (social worker) will send {name}'s passport application by {d}.", "sw"),
    (
        4,
        10,
        "{carer_full} will read with {name} for 20 minutes every school night from {d}.",
        "carer",
    ),
    (0, 2, "{hv} (health visitor) will complete {name}'s development check by {d}.", "hv"),
    (
        0,
        3,
        "{carer_full} will take {name} to the baby and toddler group every Wednesday from {d}.",
        "carer",
    ),
    (14, 17, "{carer_full} will teach {name} to cook one new meal each week from {d}.", "carer"),
    (
        4,
        17,
        "{sw} (social worker) will tell {name} in person what the court decided, within "
        "two days of the hearing, by {d}.",
        "sw",
    ),
)

# Faulty recommendations: (fault, min age, max age, text, responsible, target options).
# Target options: "" blank, "date" a dd/mm/yyyy date, anything else written as is.
BAD_RECS = (
    (
        "vague",
        0,
        17,
        "Social worker to arrange family time with Dad ASAP.",
        "Social worker",
        ("ASAP", ""),
    ),
    ("vague", 5, 17, "Life story work to continue on an ongoing basis.", "", ("Ongoing",)),
    ("vague", 5, 17, "{name} to be offered therapy in due course.", "", ("", "In due course")),
    (
        "vague",
        0,
        17,
        "Social worker to update the plan when possible.",
        "Social worker",
        ("TBC", ""),
    ),
    ("vague", 2, 17, "Dental appointment to be booked ASAP.", "Foster carer", ("ASAP",)),
    ("no_owner", 4, 17, "Referral to CAMHS to be made.", "", ("", "date")),
    ("no_owner", 0, 17, "Health assessment to be completed by {d}.", "", ("date",)),
    (
        "no_owner",
        4,
        17,
        "School transport to be reviewed before the new term.",
        "",
        ("end of term",),
    ),
    ("no_owner", 10, 17, "Passport application to be progressed.", "", ("",)),
    ("no_date", 0, 17, "{sw} (social worker) will update {name}'s plan.", "sw", ("",)),
    ("no_date", 4, 17, "Foster carer will book an eye test for {name}.", "Foster carer", ("",)),
    ("no_date", 0, 17, "Mum and Dad will be told the outcome of this meeting.", "", ("",)),
    (
        "unmeasurable",
        4,
        17,
        "Foster carer to continue to support {name}'s education.",
        "Foster carer",
        ("Ongoing", "next review", ""),
    ),
    (
        "unmeasurable",
        5,
        17,
        "Social worker to monitor {name}'s school attendance.",
        "Social worker",
        ("Ongoing", ""),
    ),
    (
        "unmeasurable",
        0,
        17,
        "All professionals to liaise regarding {name}'s needs.",
        "All professionals",
        ("",),
    ),
    (
        "unmeasurable",
        3,
        17,
        "Social worker to explore options for {name} to see {his} grandparents.",
        "Social worker",
        ("next review", "date"),
    ),
    (
        "unmeasurable",
        8,
        17,
        "Carers to encourage {name} to engage with services.",
        "Carers",
        ("Ongoing",),
    ),
    (
        "multi",
        5,
        17,
        "SW to update plan, carer to book dentist and school to review PEP.",
        "SW/carer/school",
        ("", "date"),
    ),
    (
        "multi",
        4,
        17,
        "Social worker to complete the sibling assessment, book the next family "
        "time session and speak to the school about {name}'s attendance by {d}.",
        "Social worker",
        ("date",),
    ),
    (
        "care_word",
        0,
        17,
        "Contact with Mum to remain monthly at the contact centre.",
        "Social worker",
        ("Ongoing", ""),
    ),
    (
        "care_word",
        0,
        17,
        "{name}'s placement to be reviewed at the next LAC review.",
        "",
        ("next review",),
    ),
    (
        "care_word",
        0,
        17,
        "Respite to be arranged for the carers once a month.",
        "Supervising social worker",
        ("", "date"),
    ),
    (
        "care_word",
        0,
        17,
        "Birth parents to be informed of the outcome of the LAC review.",
        "Social worker",
        ("",),
    ),
    (
        "care_word",
        0,
        17,
        "Placement stability meeting to be held by {d}.",
        "Team manager",
        ("date",),
    ),
    (
        "stigma",
        11,
        17,
        "{name} absconded from placement twice this month; a strategy meeting "
        "will be held if {he} absconds again.",
        "Social worker",
        ("",),
    ),
    (
        "stigma",
        6,
        17,
        "Carers to manage {name}'s challenging behaviour using agreed strategies.",
        "Foster carer",
        ("Ongoing",),
    ),
    ("acronym", 4, 17, "PEP to be updated by {d}.", "Designated teacher", ("date",)),
    (
        "acronym",
        0,
        17,
        "SGO assessment of Aunt to be completed by {d}.",
        "Kinship team",
        ("date", "end of term"),
    ),
    ("acronym", 5, 17, "SW to chase EHCP annual review with SENCO.", "SW", ("",)),
    ("acronym", 0, 17, "IHA to be requested from the LAC nurse.", "", ("",)),
    (
        "long",
        4,
        17,
        "The social worker will continue to work closely with {name}, the foster "
        "carers and the school in order to make sure that all of {name}'s needs in relation to "
        "{his} education, health and emotional wellbeing are fully met over the coming months and "
        "that all of the relevant professionals are kept fully updated about any changes.",
        "Social worker",
        ("next review", ""),
    ),
    (
        "long",
        0,
        17,
        "It was agreed by all of those present at the meeting that, given the "
        "current circumstances and the progress that has been made so far, {name} should remain "
        "where {he} is for the time being while further assessments are completed and the "
        "outcome of the court process is known.",
        "",
        ("",),
    ),
    (
        "late_target",
        2,
        17,
        "{carer_full} will book a dental check-up for {name} by {d}.",
        "carer",
        ("date",),
    ),
)

# Child protection conferences.
CP_WORKING_WELL = (
    "Mum has gone to every session of the parenting course.",
    "Home conditions have improved; the kitchen was clean at the last three visits.",
    "Nan is a protective adult and has {name} to stay after school.",
    "{name}'s school attendance is up to 94%.",
    "Dad has started the domestic abuse perpetrator programme.",
    "Mum is engaging with the drug and alcohol service.",
    "",
)
CP_WORRIES = (
    "Police called to the home twice after arguments between Mum and her partner.",
    "Neglect: {name} often arrives at school hungry and in the same clothes.",
    "Mum's drinking has increased since the summer.",
    "Dad's mental health has been poor and he has missed appointments.",
    "{name} has missed health appointments, including immunisations.",
    "Unknown adults visiting the home late at night.",
    "{name} is caring for younger children after school.",
)
CP_VIEWS = (
    "{name} told the school nurse {he} feels safe at Nan's house.",
    "“I don't like it when they shout.”",
    "{name} is too young to give views; {he} was seen at home with Mum.",
    "{name} said {he} wants Mum to stop drinking.",
    "{name} drew a house with three rooms: worries, good things and wishes.",
    "",
)
