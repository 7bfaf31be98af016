"""Every rule newsx applies, kept as named data.

The extractors read these tables and nothing else: to teach newsx a new cue verb, title, quote mark
or country alias, add it here. Each name says what the table is for; the code that applies it is
short and lives next to the concern (``entities``, ``quotes``, ``speakers``).
"""
from __future__ import annotations

# --------------------------------------------------------------------------------------------
# Quote marks
# --------------------------------------------------------------------------------------------

#: Marks that can only open a quotation.
OPENING_QUOTE_MARKS = frozenset({"\u201c", "\u201e", "\u00ab", "\u300c", "\u300e", "``", "\u201f"})
#: Marks that normally close a quotation (news copy also uses them to open one: see quotes.pair).
CLOSING_QUOTE_MARKS = frozenset({"\u201d", "\u00bb", "\u300d", "\u300f", "''"})
#: Marks whose direction is read from the characters around them.
AMBIGUOUS_QUOTE_MARKS = frozenset({'"', "\uff02"})
#: Closing marks of opening marks whose partner is not the usual one: German „...“, French «...».
PARTNER_CLOSING_MARKS = {"\u201e": frozenset({"\u201c", "\u201d"}), "\u00ab": frozenset({"\u00bb"}),
                         "\u300c": frozenset({"\u300d"}), "\u300e": frozenset({"\u300f"})}
#: Every double quote mark, longest first so that ``''`` wins over ``'``.
QUOTE_MARK_PATTERN = r"``|''|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u300c\u300d\u300e\u300f\uff02]"

# --------------------------------------------------------------------------------------------
# Speech cues
# --------------------------------------------------------------------------------------------

#: Verbs that introduce what someone said, by lemma. Inflections come from CUE_VERB_FORMS.
CUE_VERBS = frozenset("""
    say tell add note warn argue claim explain insist state write announce acknowledge admit
    assert believe charge comment complain concede conclude confirm contend declare deny describe
    emphasise emphasize estimate indicate maintain mention observe point predict promise propose
    recall remark reply report respond reveal stress suggest testify tweet urge vow allege answer
    ask caution counter joke lament boast concur contest demand disclose estimate explain
    hint inform instruct muse object pledge posit proclaim quip read recount reiterate
    reckon repeat retort scoff shout sniff speculate threaten underscore wonder worry yell write
    agree accuse blame call criticize criticise praise thank welcome acknowledge announce assure
    order recommend signal post blog opine fret concede highlight mutter whisper exclaim
    predict conclude clarify advise forecast acknowledge maintain reaffirm relate recollect
    think feel hope fear expect know want doubt quote cite find show
    imply hail assail slam blast denounce dismiss defend reject attack criticise criticize question
    decry condemn chant mouth plead label brand dub term characterise characterize express
    insult mock ridicule deride dismiss tout laud applaud endorse refer speak talk offer
    support oppose back blame condemn accuse refuse vow pledge decline seek plan urge decide intend
    point focus respond reflect discuss
""".split())

#: Of CUE_VERBS, the verbs of thought or wish: they attribute a belief, not an utterance, so they
#: only count with a clause after them ("X believes that ...").
THOUGHT_VERBS = frozenset("believe think feel hope fear expect know want doubt worry wonder find show".split())

#: Verbs of intent whose infinitive is what they attribute: "X vowed to fight", "X refused to comment".
INTENT_VERBS = frozenset("""
    want refuse urge vow promise plan decline seek hope pledge threaten agree offer decide intend
    expect ask tell call demand encourage warn invite
""".split())

#: Verbs of stance whose object is what they attribute: "X praised the deal", "X called it a sham".
STANCE_VERBS = frozenset("""
    call praise criticize criticise attack endorse mock ridicule describe defend accuse slam blast
    denounce dismiss reject support oppose back blame question hail applaud condemn mention cite
    announce propose deny acknowledge admit predict tweet post label brand dub decry deride laud
    tout insult thank welcome discuss show
""".split())

#: Verbs that attribute through a preposition: "X spoke about the deal", "X pointed to the polls".
PREPOSITION_CUES = {
    "speak": frozenset({"about", "of"}), "talk": frozenset({"about", "of"}),
    "point": frozenset({"to"}), "refer": frozenset({"to"}), "focus": frozenset({"on"}),
    "respond": frozenset({"to"}), "comment": frozenset({"on"}), "reflect": frozenset({"on"}),
    "call": frozenset({"for"}), "argue": frozenset({"for", "against"}), "warn": frozenset({"about", "of", "against"}),
    "complain": frozenset({"about", "of"}), "write": frozenset({"about", "of"}), "testify": frozenset({"about"}),
    "discuss": frozenset(), "show": frozenset(), "joke": frozenset({"about"}), "boast": frozenset({"about", "of"}),
}

#: Irregular inflections of cue verbs; regular ones (-s, -ed, -ing) are derived in quotes.cue_lemma.
IRREGULAR_CUE_FORMS = {
    "said": "say", "says": "say", "saying": "say",
    "told": "tell", "telling": "tell", "tells": "tell",
    "wrote": "write", "written": "write", "writing": "write", "writes": "write",
    "read": "read", "reads": "read", "reading": "read",
    "thought": "think", "felt": "feel", "knew": "know", "known": "know",
    "spoke": "speak", "spoken": "speak",
    "testified": "testify", "testifies": "testify",
    "replied": "reply", "replies": "reply",
    "denied": "deny", "denies": "deny",
    "quipped": "quip", "quipping": "quip", "blogged": "blog", "blogging": "blog",
    "shrugged": "shrug", "added": "add", "adding": "add",
    "admitted": "admit", "admitting": "admit",
    "emphasised": "emphasise", "emphasized": "emphasize",
    "continued": "continue", "continues": "continue", "continuing": "continue",
    "argued": "argue", "arguing": "argue", "argues": "argue",
}

#: A cue that takes the *object* as the speaker: "TASS quoted Li as saying", "cited X as saying".
OBJECT_SPEAKER_CUES = frozenset({"quote", "cite"})

#: A dateline opening a paragraph: "WASHINGTON (AP) — ", "LONDON, June 10 (Reuters) - ".
DATELINE_PATTERN = (
    r"^[ \t]*[A-Z][A-Z.'\-]+(?:[ ,]+[A-Z][A-Za-z.'\-]+){0,3}(?:,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?"
    r"[ \t]*(?:\([A-Za-z .&/]{1,20}\))?[ \t]*[\u2014\u2013\u2015-]{1,2}[ \t]*"
)

#: Dashes that, before a name at the end of a quote, attribute it: "“...” — Jane Doe".
DASH_CUES = frozenset({"\u2014", "\u2013", "\u2015", "--", "-"})

# --------------------------------------------------------------------------------------------
# People: titles, roles, pronouns
# --------------------------------------------------------------------------------------------

#: Words that may stand before a name as a title; trimmed from person mentions, kept as the role.
TITLE_WORDS = frozenset("""
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady rev rev. reverend
    father sister brother saint st st. sheikh imam rabbi pope cardinal bishop archbishop
    president vice prime deputy minister secretary chancellor premier king queen prince princess
    emperor sultan emir ayatollah governor gov gov. senator sen sen. representative rep rep.
    congressman congresswoman mayor judge justice chief general gen gen. admiral adm adm. colonel
    col col. major maj maj. captain capt capt. lieutenant lt lt. sergeant sgt sgt. commander
    ambassador envoy spokesman spokeswoman spokesperson director chairman chairwoman chair ceo
    founder leader speaker attorney lawyer officer inspector detective agent former acting late
    defence defense foreign interior finance health justice trade energy education economy
    home state army navy military foreign-minister candidate nominee hopeful republican democrat
    democratic gop front-runner frontrunner businessman businesswoman billionaire
""".split())

#: Nouns that name a person by their role ("the defence minister", "the spokesman"); a mention
#: made of the article "the" plus such a noun is resolved to the person introduced with that role.
ROLE_NOUNS = frozenset("""
    minister president secretary spokesman spokeswoman spokesperson ambassador envoy chancellor
    premier governor senator mayor official officer chief leader director chairman chairwoman
    ceo general admiral commander judge prosecutor lawyer attorney candidate nominee king queen
    prince diplomat aide adviser advisor representative congressman congresswoman lawmaker
    legislator sheriff head founder executive author analyst expert researcher professor
    economist strategist manager coach campaign
""".split())

#: Personal pronouns that can name a speaker, with the gender they imply (None: any).
SPEAKER_PRONOUNS = {
    "he": "male", "him": "male", "she": "female", "her": "female",
    "they": None, "them": None, "i": None, "we": None, "it": "thing",
}

#: Titles and role nouns that tell a person's gender (used to agree "he"/"she" with a speaker).
GENDERED_WORDS = {
    "mr": "male", "mr.": "male", "sir": "male", "lord": "male", "king": "male", "prince": "male",
    "spokesman": "male", "chairman": "male", "congressman": "male", "businessman": "male",
    "father": "male", "brother": "male", "emperor": "male", "sultan": "male", "emir": "male",
    "mrs": "female", "mrs.": "female", "ms": "female", "ms.": "female", "miss": "female",
    "dame": "female", "lady": "female", "queen": "female", "princess": "female",
    "spokeswoman": "female", "chairwoman": "female", "congresswoman": "female",
    "businesswoman": "female", "sister": "female",
    "his": "male", "he": "male", "him": "male", "himself": "male",
    "her": "female", "she": "female", "hers": "female", "herself": "female",
}

# --------------------------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------------------------

#: Last words of a publication's name: such an organisation keeps its leading "The"
#: ("The Jerusalem Post"), which other names lose ("the Shanghai Cooperation Organisation").
PUBLICATION_WORDS = frozenset("""
    post times journal guardian telegraph independent economist atlantic hill herald tribune
    globe gazette observer mirror sun express chronicle examiner star inquirer intercept nation
    spectator register courier monitor standard daily weekly review news wire
""".split())

#: Nouns that make a phrase an organisation speaker ("the ministry said", "the agency noted").
ORGANISATION_NOUNS = frozenset("""
    ministry agency department government office company firm newspaper paper article report
    statement website outlet campaign committee council commission court party embassy army
    military police group organisation organization union administration white house kremlin
    network channel magazine study survey poll
""".split())

#: Nouns for what someone issues: "a statement describing ..." speaks for whoever issued it.
DOCUMENT_NOUNS = frozenset("""
    statement letter report release ad advertisement post tweet message email memo note op-ed column
    speech interview video filing document
""".split())

#: Words after "a spokesman for", "an official at" ... that introduce the speaker's organisation.
AFFILIATION_PREPOSITIONS = frozenset({"for", "of", "at", "from", "with", "to"})

# --------------------------------------------------------------------------------------------
# Entities
# --------------------------------------------------------------------------------------------

#: Characters trimmed from both ends of a mention.
MENTION_EDGE_CHARACTERS = " \t\r\n\u00a0()[]{}<>\"'\u201c\u201d\u2018\u2019«»,.;:!?/|*_-\u2013\u2014"

#: Articles trimmed from the start of a mention.
LEADING_ARTICLES = ("the ", "The ", "THE ")

#: Possessive endings trimmed from the end of a mention.
POSSESSIVE_ENDINGS = ("'s", "\u2019s", "'S", "\u2019S", "s'", "s\u2019")

#: A word of a photographer's name in a credit: capitalised (or ALL CAPS), and not "Photo".
CREDIT_NAME_WORD = r"(?!(?:Photos?|PHOTOS?)\b)[A-Z][A-Za-z'\u2019.\-]+"
#: A photographer's name in a credit: two to four such words.
CREDIT_NAME_PATTERN = rf"{CREDIT_NAME_WORD}(?:[ ]{CREDIT_NAME_WORD}){{1,3}}"
#: An agency in a credit: one to four capitalised words ("AFP", "Getty Images").
CREDIT_AGENCY_PATTERN = r"[A-Z][A-Za-z&.'\-]*(?:[ ][A-Z][A-Za-z&.'\-]*){0,3}"

#: A photo credit in brackets: "[PHOTOGRAPHER/AGENCY via AGENCY]", "(Photo by NAME/AGENCY/AGENCY)".
#: Each named group is a name: ``person`` the photographer, the others agencies.
PHOTO_CREDIT_PATTERN = (
    r"[\[(]\s*(?:(?i:photo|image|picture|credit)s?(?i:\s+by)?\s*:?\s*)?"
    rf"(?P<person>{CREDIT_NAME_PATTERN})\s*/\s*(?P<agency>{CREDIT_AGENCY_PATTERN})"
    rf"(?:\s*/\s*(?P<agency2>{CREDIT_AGENCY_PATTERN}))?(?:\s+via\s+(?P<via>{CREDIT_AGENCY_PATTERN}))?"
    r"\s*[\])]"
)

#: A credit that names the agency first: "(AP Photo/Evan Vucci)", "(AP Photo/Evan Vucci, File)".
PHOTO_CREDIT_AGENCY_FIRST_PATTERN = (
    r"[\[(]\s*(?P<agency>[A-Z][A-Za-z&.\-]*(?:[ ][A-Z][A-Za-z&.\-]*)??)[ ](?:Photos?|PHOTOS?)"
    rf"\s*/\s*(?P<person>{CREDIT_NAME_PATTERN})(?:\s*/\s*(?P<via>{CREDIT_AGENCY_PATTERN}))?"
    r"(?:\s*,\s*[A-Za-z]+)?\s*[\])]"
)

#: Names and abbreviations of countries that the ISO list does not spell this way, by alpha-2.
COUNTRY_ALIASES = {
    "US": "US", "U.S.": "US", "U.S": "US", "USA": "US", "U.S.A.": "US", "America": "US",
    "United States": "US", "United States of America": "US", "the States": "US",
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "United Kingdom": "GB",
    "Russia": "RU", "Russian Federation": "RU",
    "Islamic Republic": "IR", "Persia": "IR",
    "South Korea": "KR", "Republic of Korea": "KR", "North Korea": "KP", "DPRK": "KP",
    "China": "CN", "PRC": "CN", "People's Republic of China": "CN", "Mainland China": "CN",
    "Taiwan": "TW", "Republic of China": "TW",
    "Syria": "SY", "Laos": "LA", "Vietnam": "VN", "Viet Nam": "VN", "Moldova": "MD",
    "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ", "Iran": "IR",
    "Czech Republic": "CZ", "Czechia": "CZ", "Ivory Coast": "CI", "Cote d'Ivoire": "CI",
    "Burma": "MM", "Myanmar": "MM", "Holland": "NL", "Netherlands": "NL",
    "UAE": "AE", "U.A.E.": "AE", "Emirates": "AE",
    "DRC": "CD", "DR Congo": "CD", "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD", "Congo-Kinshasa": "CD",
    "Republic of Congo": "CG", "Congo-Brazzaville": "CG",
    "Vatican": "VA", "Vatican City": "VA", "Holy See": "VA",
    "Palestine": "PS", "Palestinian Territories": "PS",
    "North Macedonia": "MK", "Macedonia": "MK", "Swaziland": "SZ", "Eswatini": "SZ",
    "East Timor": "TL", "Timor-Leste": "TL", "Cape Verde": "CV", "Brunei": "BN",
    "Micronesia": "FM", "Turkey": "TR", "Türkiye": "TR", "Kosovo": "XK",
    "Saudi": "SA", "KSA": "SA",
}

#: Country names that also name another place, with the words that show the country is meant:
#: without one of them in the article, the name is the other place (the US state of Georgia).
AMBIGUOUS_COUNTRY_NAMES = {
    "Georgia": ("Tbilisi", "Georgian", "Caucasus", "Abkhazia", "Ossetia", "Saakashvili", "Kobakhidze", "Ivanishvili"),
}

#: Country codes outside ISO 3166-1 that newsx still reports, with their name.
EXTRA_COUNTRIES = {"XK": "Kosovo"}

#: Country names newsx prints, where the ISO short name reads oddly in news ("Korea, Republic of").
PREFERRED_COUNTRY_NAMES = {
    "US": "United States", "GB": "United Kingdom", "RU": "Russia", "IR": "Iran", "KR": "South Korea",
    "KP": "North Korea", "SY": "Syria", "VN": "Vietnam", "TW": "Taiwan", "BO": "Bolivia",
    "VE": "Venezuela", "TZ": "Tanzania", "MD": "Moldova", "LA": "Laos", "CD": "DR Congo",
    "CG": "Republic of the Congo", "VA": "Vatican City", "PS": "Palestine", "TR": "Turkey",
    "CZ": "Czech Republic", "CI": "Ivory Coast", "BN": "Brunei", "FM": "Micronesia",
}

#: Nationality and people words (spaCy's NORP) by the alpha-2 code of their country.
DEMONYMS = {
    "Afghan": "AF", "Albanian": "AL", "Algerian": "DZ", "American": "US", "Angolan": "AO",
    "Argentine": "AR", "Argentinian": "AR", "Armenian": "AM", "Australian": "AU",
    "Austrian": "AT", "Azerbaijani": "AZ", "Azeri": "AZ", "Bahraini": "BH", "Bangladeshi": "BD",
    "Belarusian": "BY", "Belgian": "BE", "Bolivian": "BO", "Bosnian": "BA", "Brazilian": "BR",
    "British": "GB", "Briton": "GB", "Bulgarian": "BG", "Burmese": "MM", "Cambodian": "KH",
    "Cameroonian": "CM", "Canadian": "CA", "Chilean": "CL", "Chinese": "CN", "Colombian": "CO",
    "Congolese": "CD", "Croatian": "HR", "Cuban": "CU", "Cypriot": "CY", "Czech": "CZ",
    "Danish": "DK", "Dane": "DK", "Dutch": "NL", "Ecuadorian": "EC", "Egyptian": "EG",
    "Emirati": "AE", "English": "GB", "Eritrean": "ER", "Estonian": "EE", "Ethiopian": "ET",
    "Filipino": "PH", "Finnish": "FI", "French": "FR", "Georgian": "GE", "German": "DE",
    "Ghanaian": "GH", "Greek": "GR", "Guatemalan": "GT", "Haitian": "HT", "Honduran": "HN",
    "Hungarian": "HU", "Icelandic": "IS", "Indian": "IN", "Indonesian": "ID", "Iranian": "IR",
    "Iraqi": "IQ", "Irish": "IE", "Israeli": "IL", "Italian": "IT", "Ivorian": "CI",
    "Jamaican": "JM", "Japanese": "JP", "Jordanian": "JO", "Kazakh": "KZ", "Kazakhstani": "KZ",
    "Kenyan": "KE", "Korean": "KR", "South Korean": "KR", "North Korean": "KP", "Kosovar": "XK",
    "Kuwaiti": "KW", "Kyrgyz": "KG", "Lao": "LA", "Laotian": "LA", "Latvian": "LV",
    "Lebanese": "LB", "Liberian": "LR", "Libyan": "LY", "Lithuanian": "LT", "Malaysian": "MY",
    "Malian": "ML", "Maltese": "MT", "Mexican": "MX", "Moldovan": "MD", "Mongolian": "MN",
    "Moroccan": "MA", "Mozambican": "MZ", "Namibian": "NA", "Nepali": "NP", "Nepalese": "NP",
    "New Zealander": "NZ", "Nicaraguan": "NI", "Nigerian": "NG", "Nigerien": "NE",
    "Norwegian": "NO", "Omani": "OM", "Pakistani": "PK", "Palestinian": "PS", "Panamanian": "PA",
    "Paraguayan": "PY", "Peruvian": "PE", "Polish": "PL", "Pole": "PL", "Portuguese": "PT",
    "Qatari": "QA", "Romanian": "RO", "Russian": "RU", "Rwandan": "RW", "Saudi": "SA",
    "Saudi Arabian": "SA", "Scottish": "GB", "Senegalese": "SN", "Serbian": "RS", "Serb": "RS",
    "Singaporean": "SG", "Slovak": "SK", "Slovenian": "SI", "Somali": "SO", "South African": "ZA",
    "Spanish": "ES", "Sri Lankan": "LK", "Sudanese": "SD", "Swedish": "SE", "Swede": "SE",
    "Swiss": "CH", "Syrian": "SY", "Taiwanese": "TW", "Tajik": "TJ", "Tajikistani": "TJ",
    "Tanzanian": "TZ", "Thai": "TH", "Tunisian": "TN", "Turkish": "TR", "Turk": "TR",
    "Turkmen": "TM", "Ugandan": "UG", "Ukrainian": "UA", "Uruguayan": "UY", "Uzbek": "UZ",
    "Uzbekistani": "UZ", "Venezuelan": "VE", "Vietnamese": "VN", "Welsh": "GB", "Yemeni": "YE",
    "Zambian": "ZM", "Zimbabwean": "ZW",
}

#: Labels of spaCy entities that are never reported (numbers, dates, amounts).
IGNORED_ENTITY_LABELS = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
)

# --------------------------------------------------------------------------------------------
# Entities: names and places (added for entities.py)
# --------------------------------------------------------------------------------------------

#: A mention that ends in one of these keeps its final dot ("U.S.", "Acme Inc."), which
#: MENTION_EDGE_CHARACTERS would otherwise trim.
ABBREVIATION_PATTERN = r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Inc|Jr|Sr|Co|Corp|Ltd|Bros|Cos)\.)$"

#: Acronyms printed as they are even inside an ALL-CAPS run or as a one-word person mention
#: (other ALL-CAPS runs of credits and headlines are title-cased for display).
KNOWN_ACRONYMS = frozenset("""
    AFP AP UPI TASS RIA SCO NATO UN EU US UK USA BBC CNN ABC CBS NBC MSNBC NPR PBS IRNA ISNA
    ANI PTI EPA DPA ANSA KCNA WHO IMF WTO OPEC ASEAN BRICS IAEA ICC ICJ FBI CIA NSA NASA IRGC
    IDF PLO GOP DNC RNC SEC FDA CDC DOJ DHS UAE PRC DPRK KGB FSB MI5 MI6 G7 G20 CEO
    UNESCO UNICEF UNHCR UNRWA UNCTAD OSCE OECD AFL-CIO NAACP ACLU CNBC NYPD LAPD ISIS ISIL
    FARC
""".split())

#: Longer one-word names in capitals are title-cased for display unless in KNOWN_ACRONYMS.
ACRONYM_MAX_LETTERS = 4

#: Capitals and other large cities that are not ISO subdivisions: with pycountry's subdivisions,
#: the places a one-word GPE may be before newsx reconsiders it as a person's name.
MAJOR_CITIES = frozenset(name.strip() for name in """
    Abu Dhabi|Abuja|Accra|Addis Ababa|Algiers|Amman|Amsterdam|Ankara|Antananarivo|Ashgabat|Asmara
    |Astana|Asuncion|Athens|Baghdad|Baku|Bamako|Bangkok|Bangui|Banjul|Beijing|Beirut|Belgrade
    |Berlin|Bern|Bishkek|Bogota|Brasilia|Bratislava|Brazzaville|Brussels|Bucharest|Budapest
    |Buenos Aires|Bujumbura|Cairo|Canberra|Caracas|Chisinau|Colombo|Conakry|Copenhagen|Dakar
    |Damascus|Dhaka|Dili|Djibouti|Doha|Dublin|Dushanbe|Freetown|Gaborone|Georgetown|Guatemala City
    |Hanoi|Harare|Havana|Helsinki|Islamabad|Jakarta|Jerusalem|Juba|Kabul|Kampala|Kathmandu
    |Khartoum|Kigali|Kinshasa|Kyiv|Kiev|Kuala Lumpur|Kuwait City|La Paz|Libreville|Lilongwe|Lima
    |Lisbon|Ljubljana|Lome|London|Luanda|Lusaka|Luxembourg|Madrid|Malabo|Male|Managua|Manama
    |Manila|Maputo|Maseru|Mexico City|Minsk|Mogadishu|Monrovia|Montevideo|Moscow|Muscat|Nairobi
    |Nassau|Naypyidaw|N'Djamena|New Delhi|Niamey|Nicosia|Nouakchott|Oslo|Ottawa|Ouagadougou
    |Panama City|Paramaribo|Paris|Phnom Penh|Podgorica|Port-au-Prince|Port Moresby|Prague|Praia
    |Pretoria|Pristina|Pyongyang|Quito|Rabat|Ramallah|Reykjavik|Riga|Riyadh|Rome|Sanaa|San Jose
    |San Salvador|Santiago|Santo Domingo|Sarajevo|Seoul|Singapore|Skopje|Sofia|Stockholm|Suva
    |Taipei|Tallinn|Tashkent|Tbilisi|Tegucigalpa|Tehran|Teheran|Tel Aviv|Thimphu|Tirana|Tokyo
    |Tripoli|Tunis|Ulaanbaatar|Vaduz|Valletta|Vienna|Vientiane|Vilnius|Warsaw|Washington
    |Wellington|Windhoek|Yaounde|Yerevan|Zagreb
    |Aleppo|Alexandria|Almaty|Atlanta|Auckland|Baltimore|Bangalore|Barcelona|Basra|Benghazi
    |Birmingham|Boston|Busan|Calcutta|Kolkata|Cape Town|Casablanca|Charlotte|Chennai|Chicago
    |Chongqing|Cleveland|Dallas|Denver|Detroit|Dubai|Durban|Edinburgh|Frankfurt|Gaza|Geneva
    |Glasgow|Guangzhou|Hamburg|Hebron|Ho Chi Minh City|Hong Kong|Honolulu|Houston|Hyderabad
    |Idlib|Isfahan|Istanbul|Jeddah|Jenin|Johannesburg|Karachi|Kandahar|Kharkiv|Kherson|Kobani|Lagos
    |Lahore|Las Vegas|Los Angeles|Lviv|Lyon|Manchester|Mariupol|Marseille|Mashhad|Mecca|Medina
    |Melbourne|Miami|Milan|Minneapolis|Montreal|Mosul|Mumbai|Munich|Naples|Nashville|New Orleans
    |New York|Odesa|Odessa|Orlando|Osaka|Philadelphia|Phoenix|Pittsburgh|Portland|Qom|Rafah|Raqqa
    |Rio de Janeiro|Rotterdam|Sacramento|St. Petersburg|Saint Petersburg|San Antonio|San Diego
    |San Francisco|Sao Paulo|Seattle|Sevastopol|Shanghai|Shenzhen|Sydney|Tabriz|Toronto|Vancouver
    |Venice|Vladivostok|Wuhan|Yokohama|Zurich|Bakhmut|Donetsk|Luhansk|Crimea|Kashmir|Xinjiang
    |Tibet|Darfur|Tigray|Kurdistan|Sinai|Golan|Donbas|Donbass|Aden|Hodeidah|Fallujah|Tikrit
    |Homs|Hama|Daraa|Latakia|Tartus|Herat|Mazar-i-Sharif|Peshawar|Quetta|Srinagar|Ladakh
    |Manhattan|Brooklyn|Queens|Bronx|Staten Island|Harlem
""".split("|"))

#: Prepositions that, right before a name, use it as a place ("in Tulsa", "from Novi").
LOCATIVE_PREPOSITIONS = frozenset("""
    in at from to near outside inside into across around toward towards through throughout
    within via across between
""".split())

#: Words after "X's" that make the "'s" an "is" or "has" ("Carolina's going", "Iran's been"),
#: not a possessive. Words ending in WORD_ENDINGS_AFTER_IS count too.
WORDS_AFTER_IS = frozenset("a an the not no been got gotten never also still just already".split())
WORD_ENDINGS_AFTER_IS = ("ing",)

#: Lower-case words that belong to a name ("Vincent van Gogh", "Bashar al-Assad"): other
#: lower-case words are trimmed from the start of a mention ("a Mitt Romney", "federal ...").
NAME_PARTICLES = frozenset("""
    de del della der den di da das dos du la le van von ter ten al el bin ibn bint abu ben
""".split())
