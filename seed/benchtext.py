"""Generated copy for the benchmark newsroom (``seed_bench``): headlines, standfirsts and bodies in
English, Arabic and Kurdish (Kurmanji), plus the names of places, people and organizations.

Everything is written for Newsroom and combined at random: the people and organizations are
invented, and any resemblance to real ones is coincidental. Place names are real so that datelines,
tags and search look like a working agency's. Sentences are built from small phrase lists that agree
grammatically in each language (Arabic: verb-first sentences with feminine agreement for non-human
plural subjects; Kurmanji: subject-object-verb with plural present-tense verbs).

No text here contains ``<``, ``>`` or ``&``: the bodies built from it are plain ``<p>``/``<h2>`` markup
that ``articles.html.sanitize_html`` leaves exactly as it is (``tests/test_seed_bench.py`` checks it).
"""

import random
from dataclasses import dataclass

LANGUAGES = ("en", "ar", "ku")


@dataclass(frozen=True)
class Place:
    en: str
    ar: str
    ku: str
    ku_oblique: str  # Kurmanji oblique case: "li Helebê" (in Aleppo), "Saziya Avê ya Helebê"


PLACES = [
    Place("Aleppo", "حلب", "Heleb", "Helebê"),
    Place("Idlib", "إدلب", "Îdlib", "Îdlibê"),
    Place("Hama", "حماة", "Hema", "Hemayê"),
    Place("Homs", "حمص", "Hims", "Himsê"),
    Place("Damascus", "دمشق", "Şam", "Şamê"),
    Place("Latakia", "اللاذقية", "Lazqiye", "Lazqiyeyê"),
    Place("Tartus", "طرطوس", "Tertûs", "Tertûsê"),
    Place("Raqqa", "الرقة", "Reqa", "Reqayê"),
    Place("Deir ez-Zor", "دير الزور", "Dêrazor", "Dêrazorê"),
    Place("Qamishli", "القامشلي", "Qamişlo", "Qamişloyê"),
    Place("Hasakah", "الحسكة", "Hesîçe", "Hesîçeyê"),
    Place("Kobani", "كوباني", "Kobanî", "Kobaniyê"),
    Place("Afrin", "عفرين", "Efrîn", "Efrînê"),
    Place("Daraa", "درعا", "Dera", "Derayê"),
    Place("Suwayda", "السويداء", "Siwêda", "Siwêdayê"),
    Place("Manbij", "منبج", "Minbic", "Minbicê"),
    Place("Azaz", "أعزاز", "Ezaz", "Ezazê"),
    Place("Jableh", "جبلة", "Cebele", "Cebeleyê"),
    Place("Palmyra", "تدمر", "Tedmur", "Tedmurê"),
    Place("Amuda", "عامودا", "Amûdê", "Amûdê"),
    Place("Derik", "المالكية", "Dêrik", "Dêrikê"),
    Place("Jarablus", "جرابلس", "Cerablus", "Cerablusê"),
    Place("Douma", "دوما", "Dûma", "Dûmayê"),
    Place("Salqin", "سلقين", "Selqîn", "Selqînê"),
    Place("Maarat al-Numan", "معرة النعمان", "Mehreta Nûman", "Mehreta Nûmanê"),
    Place("Tal Abyad", "تل أبيض", "Girê Spî", "Girê Spî"),
    Place("Ras al-Ain", "رأس العين", "Serêkaniyê", "Serêkaniyê"),
    Place("Baniyas", "بانياس", "Baniyas", "Baniyasê"),
    Place("Safita", "صافيتا", "Safîta", "Safîtayê"),
    Place("Bab al-Hawa", "باب الهوى", "Bab el-Hewa", "Bab el-Hewayê"),
]

COUNTRY = {"en": "Syria", "ar": "سوريا", "ku": "Sûriye"}

# Sentence parts: (English, Arabic, Kurmanji). Subjects are plural in English and Kurmanji; in Arabic
# they take a feminine singular verb (non-human plurals and feminine nouns).
SUBJECTS = [
    ("Civil defense teams", "فرق الدفاع المدني", "Tîmên parastina sivîl"),
    ("Local councils", "المجالس المحلية", "Meclîsên herêmî"),
    ("Aid organizations", "منظمات الإغاثة", "Rêxistinên alîkariyê"),
    ("Groups of volunteers", "مجموعات من المتطوعين", "Komên dilxwazan"),
    ("Water board staff", "مؤسسة المياه", "Karmendên saziya avê"),
    ("Teachers’ unions", "نقابات المعلمين", "Sendîkayên mamosteyan"),
    ("Farmers’ cooperatives", "الجمعيات الفلاحية", "Kooperatîfên cotkaran"),
    ("Health directorates", "مديريات الصحة", "Rêveberiyên tenduristiyê"),
    ("Women’s associations", "الجمعيات النسائية", "Komeleyên jinan"),
    ("Engineering teams", "الفرق الهندسية", "Tîmên endezyariyê"),
    ("Municipal workers", "ورش البلدية", "Karkerên şaredariyê"),
    ("Mobile clinics", "العيادات المتنقلة", "Klînîkên gerok"),
    ("Rescue teams", "فرق الإنقاذ", "Tîmên rizgariyê"),
    ("Displaced families", "العائلات النازحة", "Malbatên koçber"),
    ("Humanitarian agencies", "الوكالات الإنسانية", "Ajansên mirovahî"),
    ("School administrators", "إدارات المدارس", "Rêveberiyên dibistanan"),
    ("Local bakeries", "الأفران المحلية", "Firinên herêmî"),
    ("Neighborhood committees", "لجان الأحياء", "Komîteyên taxan"),
]

VERBS = [
    ("continue", "تواصل", "didomînin"),
    ("expand", "توسع", "berfireh dikin"),
    ("organize", "تنظم", "organîze dikin"),
    ("document", "توثق", "belge dikin"),
    ("monitor", "تراقب", "dişopînin"),
    ("prepare", "تجهز", "amade dikin"),
    ("fund", "تمول", "fînanse dikin"),
    ("review", "تراجع", "dinirxînin"),
    ("speed up", "تسرع", "bilez dikin"),
    ("improve", "تحسن", "baştir dikin"),
    ("oversee", "تشرف على", "birêve dibin"),
    ("strengthen", "تعزز", "xurt dikin"),
]

OBJECTS = [
    ("repairs to the water network", "إصلاح شبكة المياه", "tamîrkirina tora avê"),
    ("school reopening plans", "خطط إعادة فتح المدارس", "planên vekirina dibistanan"),
    ("winter aid for displaced families", "مساعدات الشتاء للعائلات النازحة", "alîkariya zivistanê ya malbatên koçber"),
    ("bread distribution", "توزيع الخبز", "belavkirina nan"),
    ("vaccination campaigns", "حملات التلقيح", "kampanyayên vakslêdanê"),
    ("work on irrigation channels", "العمل في قنوات الري", "xebata li ser kanalên avdanê"),
    ("the rebuilding of damaged homes", "إعادة إعمار المنازل المتضررة", "ji nû ve avakirina xaniyên xisardîtî"),
    ("evacuation drills", "تدريبات الإخلاء", "ceribandinên valakirinê"),
    ("repairs to power lines", "إصلاح خطوط الكهرباء", "tamîrkirina xetên elektrîkê"),
    ("the wheat harvest", "موسم حصاد القمح", "dirûna genim"),
    ("cash assistance programs", "برامج المساعدات النقدية", "bernameyên alîkariya diravî"),
    ("training courses for nurses", "الدورات التدريبية للممرضات", "kursên perwerdehiyê yên hemşîreyan"),
    ("the clearance of rubble", "إزالة الأنقاض", "paqijkirina kavilan"),
    ("searches for missing people", "البحث عن المفقودين", "lêgerîna li kesên winda"),
    ("fire prevention drills", "تدريبات الوقاية من الحرائق", "ceribandinên pêşîlêgirtina agir"),
    ("price checks in local markets", "مراقبة الأسعار في الأسواق", "kontrola bihayan li bazaran"),
    ("cultural evenings", "الأمسيات الثقافية", "şevên çandî"),
    ("literacy classes for adults", "دروس محو الأمية للكبار", "dersên xwendin û nivîsandinê yên mezinan"),
    ("the drinking water supply", "إمدادات مياه الشرب", "dabînkirina ava vexwarinê"),
    ("deliveries of medical supplies", "إيصال الإمدادات الطبية", "gihandina pêdiviyên bijîşkî"),
]

TIMES = [
    ("this week", "هذا الأسبوع", "vê hefteyê"),
    ("since the start of the month", "منذ بداية الشهر", "ji destpêka mehê ve"),
    ("after the earthquake", "بعد الزلزال", "piştî erdhejê"),
    ("before winter sets in", "قبل حلول الشتاء", "berî ku zivistan dest pê bike"),
    ("despite fuel shortages", "رغم نقص الوقود", "tevî kêmbûna sotemeniyê"),
    ("for the third year running", "للعام الثالث على التوالي", "sala sêyemîn li pey hev"),
    ("with little outside funding", "بتمويل خارجي محدود", "bi piştgiriyeke derveyî ya kêm"),
    ("as temperatures rise", "مع ارتفاع درجات الحرارة", "digel bilindbûna germahiyê"),
    ("after months of delay", "بعد أشهر من التأخير", "piştî çend mehên derengmayînê"),
    ("ahead of the new school year", "قبيل العام الدراسي الجديد", "berî sala xwendinê ya nû"),
    ("during Ramadan", "خلال شهر رمضان", "di meha Remezanê de"),
    ("despite the power cuts", "رغم انقطاع الكهرباء", "tevî qutbûna elektrîkê"),
]

BACKGROUND = {
    "en": [
        "The area was badly damaged during years of fighting.",
        "Many residents returned only in the past two years.",
        "Prices of basic goods have more than doubled since last year.",
        "The nearest hospital is more than an hour away by road.",
        "Electricity reaches most homes for only a few hours a day.",
        "Local officials say the budget covers less than half of what is needed.",
        "Several families still live in tents on the edge of town.",
        "The earthquake of February 2023 destroyed hundreds of buildings in the region.",
        "Schools in the district work in two shifts to fit all the pupils.",
        "Water trucks remain the main source of drinking water for many neighborhoods.",
        "Farmers depend on the river, whose level has dropped sharply.",
        "Most of the volunteers are young people from the neighborhood.",
        "The project is expected to take at least another six months.",
        "Residents say they were not consulted about the plans.",
        "Donors have pledged support, but little money has arrived so far.",
        "Winter temperatures regularly fall below freezing in the area.",
    ],
    "ar": [
        "وكانت المنطقة قد تعرضت لدمار كبير خلال سنوات الحرب.",
        "ولم يعد كثير من السكان إلا خلال العامين الماضيين.",
        "وتضاعفت أسعار المواد الأساسية منذ العام الماضي.",
        "ويبعد أقرب مستشفى أكثر من ساعة بالسيارة.",
        "ولا تصل الكهرباء إلى معظم المنازل إلا لساعات قليلة في اليوم.",
        "ويقول مسؤولون محليون إن الميزانية لا تغطي نصف الاحتياجات.",
        "وما تزال عائلات عدة تعيش في خيام على أطراف البلدة.",
        "ودمر زلزال شباط 2023 مئات المباني في المنطقة.",
        "وتعمل المدارس في المنطقة بنظام الفترتين لاستيعاب جميع التلاميذ.",
        "وتبقى صهاريج المياه المصدر الرئيسي لمياه الشرب في أحياء كثيرة.",
        "ويعتمد المزارعون على النهر الذي انخفض منسوبه بشكل حاد.",
        "ومعظم المتطوعين من شباب الحي.",
        "ومن المتوقع أن يستغرق المشروع ستة أشهر أخرى على الأقل.",
        "ويقول السكان إن أحداً لم يستشرهم بشأن الخطط.",
        "وتعهد مانحون بالدعم، لكن القليل من الأموال وصل حتى الآن.",
        "وتنخفض درجات الحرارة في الشتاء إلى ما دون الصفر في المنطقة.",
    ],
    "ku": [
        "Herêm di salên şer de gelek wêran bûbû.",
        "Gelek niştecih tenê di du salên dawî de vegeriyan.",
        "Bihayê kelûpelên bingehîn ji sala borî ve du qat bûye.",
        "Nexweşxaneya herî nêzîk bi erebeyê zêdetirî saetekê dûr e.",
        "Elektrîk rojê tenê çend saetan digihîje piraniya malan.",
        "Berpirsên herêmî dibêjin ku budce nîvê hewcedariyan jî nagire.",
        "Hîn jî gelek malbat li derdora bajarok di konan de dijîn.",
        "Erdheja Sibata 2023an bi sedan avahî li herêmê hilweşandin.",
        "Dibistanên herêmê bi du dewran dixebitin da ku hemû zarok cih bigirin.",
        "Tankerên avê hîn jî ji bo gelek taxan çavkaniya sereke ya ava vexwarinê ne.",
        "Cotkar bi çemê ku asta wî pir daketiye ve girêdayî ne.",
        "Piraniya dilxwazan ciwanên taxê ne.",
        "Tê payîn ku proje herî kêm şeş mehên din bidome.",
        "Niştecih dibêjin ku der barê planan de bi wan re nehatiye şêwirîn.",
        "Bexşkeran soza piştgiriyê dan, lê heta niha pereyekî kêm gihîştiye.",
        "Di zivistanê de germahî li herêmê gelek caran dadikeve binê sifirê.",
    ],
}

QUOTES = [
    ("We cannot wait for someone else to fix this",
     "لا يمكننا أن ننتظر أحداً ليصلح هذا عنا",
     "Em nikarin li benda kesekî din bimînin ku vê yekê çareser bike"),
    ("Every family here has lost something", "كل عائلة هنا خسرت شيئاً",
     "Her malbatek li vir tiştek winda kiriye"),
    ("The children need to be in school, not at work", "مكان الأطفال في المدرسة وليس في العمل",
     "Cihê zarokan dibistan e, ne kar"),
    ("We work with what we have", "نعمل بما هو متاح لدينا", "Em bi tiştên ku di destê me de ne dixebitin"),
    ("Nobody expected it to take this long", "لم يتوقع أحد أن يستغرق الأمر كل هذا الوقت",
     "Kesî hêvî nedikir ku ev qas dem bikişîne"),
    ("Without water, nothing else works", "من دون الماء لا شيء يعمل", "Bê av tu tişt naxebite"),
    ("We ask only for a fair price for our harvest", "كل ما نطلبه سعر عادل لمحصولنا",
     "Em tenê bihayekî adil ji bo berhema xwe dixwazin"),
    ("The volunteers are the backbone of this effort", "المتطوعون هم العمود الفقري لهذا الجهد",
     "Dilxwaz stûna sereke ya vê hewldanê ne"),
    ("We have seen real progress in the past few months", "رأينا تقدماً حقيقياً في الأشهر الماضية",
     "Di van çend mehên dawî de me pêşketineke rastîn dît"),
    ("The need is much bigger than the help that arrives", "الحاجة أكبر بكثير من المساعدات التي تصل",
     "Hewcedarî ji alîkariya ku tê pir mezintir e"),
    ("People are tired, but they have not given up", "الناس متعبون لكنهم لم يستسلموا",
     "Xelk westiyane, lê dev jê bernedane"),
    ("This is the first good news in a long time", "هذه أول أخبار جيدة منذ وقت طويل",
     "Ev nûçeya baş a yekem e piştî demeke dirêj"),
]

# Who speaks: English, Arabic with the verb of saying in the right gender, Kurmanji (direct case,
# used with the present tense "dibêje", which avoids the ergative of the past).
SPEAKERS = [
    ("a local official", "وقال مسؤول محلي", "Berpirsekî herêmî"),
    ("one resident", "وقال أحد السكان", "Niştecihek"),
    ("a volunteer", "وقالت متطوعة", "Dilxwazek"),
    ("a teacher at the school", "وقال معلم في المدرسة", "Mamosteyekî dibistanê"),
    ("the head of the council", "وقال رئيس المجلس", "Serokê meclîsê"),
    ("a farmer from the area", "وقال مزارع من المنطقة", "Cotkarekî herêmê"),
    ("a doctor at the clinic", "وقالت طبيبة في العيادة", "Bijîşkeke klînîkê"),
    ("a mother of four", "وقالت أم لأربعة أطفال", "Dayikeke çar zarokan"),
    ("an engineer on the project", "وقال مهندس في المشروع", "Endezyarekî projeyê"),
    ("a shop owner", "وقال صاحب متجر", "Xwediyê dikanekê"),
]

COUNTED = [
    ("families have received help", "العائلات المستفيدة", "malbatan alîkarî wergirtiye"),
    ("children have returned to school", "الأطفال العائدين إلى المدارس", "zarok vegeriyane dibistanê"),
    ("patients have been treated", "المرضى الذين تلقوا العلاج", "nexweş hatine dermankirin"),
    ("homes have been repaired", "المنازل التي تم ترميمها", "xanî hatine tamîrkirin"),
    ("people have signed up", "المسجلين في البرنامج", "kes beşdarî bernameyê bûne"),
]

SUBHEADS = {
    "en": ["What residents say", "The cost of repairs", "Looking ahead", "A long winter", "Who pays",
           "Back to school", "On the ground", "The numbers", "Waiting for help", "A fragile recovery"],
    "ar": ["ماذا يقول السكان", "كلفة الإصلاح", "نظرة إلى المستقبل", "شتاء طويل", "من يدفع الثمن",
           "العودة إلى المدرسة", "على أرض الواقع", "بالأرقام", "في انتظار المساعدة", "تعاف هش"],
    "ku": ["Niştecih çi dibêjin", "Lêçûna tamîrê", "Ber bi pêşerojê", "Zivistaneke dirêj", "Kî dide",
           "Vegera dibistanê", "Li qadê", "Bi hejmaran", "Li benda alîkariyê", "Başbûneke nazik"],
}

TOPICS = [
    "Water", "Education", "Health", "Agriculture", "Civil defense", "Reconstruction", "Displacement",
    "Culture", "Economy", "Music", "Wildfires", "Food prices", "Electricity", "Housing", "Earthquake",
    "Refugees", "Women", "Children", "Youth", "Environment", "Drought", "Winter", "Fuel", "Transport",
    "Trade", "Industry", "Heritage", "Archaeology", "Sport", "Football", "Media", "Press freedom",
    "Justice", "Detainees", "Missing persons", "Landmines", "Medicine", "Vaccination", "Cholera",
    "Mental health", "Disability", "Labor", "Unemployment", "Wages", "Bread", "Wheat", "Olive harvest",
    "Cotton", "Livestock", "Irrigation", "Rivers", "Dams", "Schools", "Universities", "Literacy",
    "Kurdish language", "Poetry", "Theater", "Cinema", "Crafts", "Tourism", "Ramadan", "Elections",
    "Local councils", "Aid", "Donors", "Returnees", "Camps", "Borders", "Roads", "Internet", "Banking",
    "Currency", "Orphans", "Bakeries",
]

# Organizations: a pattern per kind of body, in each language, with the place filled in.
ORGANIZATION_KINDS = [
    ("{} Water Board", "مؤسسة مياه {}", "Saziya Avê ya {}"),
    ("{} Local Council", "المجلس المحلي في {}", "Meclîsa Herêmî ya {}"),
    ("{} Health Directorate", "مديرية صحة {}", "Rêveberiya Tenduristiyê ya {}"),
    ("{} Education Directorate", "مديرية التربية في {}", "Rêveberiya Perwerdeyê ya {}"),
    ("{} Farmers’ Union", "اتحاد فلاحي {}", "Yekîtiya Cotkarên {}"),
    ("{} Women’s Association", "جمعية نساء {}", "Komeleya Jinan a {}"),
    ("{} Teachers’ Union", "نقابة معلمي {}", "Sendîkaya Mamosteyan a {}"),
    ("{} Civil Defense Center", "مركز الدفاع المدني في {}", "Navenda Parastina Sivîl a {}"),
    ("{} Chamber of Commerce", "غرفة تجارة {}", "Odeya Bazirganiyê ya {}"),
    ("{} Youth Forum", "منتدى شباب {}", "Foruma Ciwanan a {}"),
    ("{} Bakers’ Cooperative", "جمعية الخبازين في {}", "Kooperatîfa Firinvanan a {}"),
    ("{} Heritage Society", "جمعية التراث في {}", "Komeleya Mîrateyê ya {}"),
    ("{} Engineers’ Syndicate", "نقابة المهندسين في {}", "Sendîkaya Endezyaran a {}"),
    ("{} Doctors’ Syndicate", "نقابة الأطباء في {}", "Sendîkaya Bijîşkan a {}"),
    ("{} Sports Club", "نادي {} الرياضي", "Klûba Werzişê ya {}"),
    ("{} Community Radio", "إذاعة {} المجتمعية", "Radyoya Civakî ya {}"),
    ("{} Orphan Care Society", "جمعية رعاية الأيتام في {}", "Komeleya Lênihêrîna Sêwiyan a {}"),
    ("{} Mine Clearance Team", "فريق إزالة الألغام في {}", "Tîma Paqijkirina Mayînan a {}"),
    ("{} Relief Committee", "لجنة الإغاثة في {}", "Komîteya Alîkariyê ya {}"),
    ("{} Cultural Center", "المركز الثقافي في {}", "Navenda Çandê ya {}"),
]

# National umbrella bodies, created first; local bodies of the kinds listed become their members.
UMBRELLAS = [
    (("National Civil Defense Council", "المجلس الوطني للدفاع المدني", "Encumena Niştimanî ya Parastina Sivîl"), [7, 17]),
    (("Syrian Relief Network", "شبكة الإغاثة السورية", "Tora Alîkariyê ya Sûriyeyê"), [16, 18]),
    (("Federation of Farmers’ Unions", "اتحاد الجمعيات الفلاحية", "Federasyona Yekîtiyên Cotkaran"), [4, 10]),
    (("Syrian Teachers’ Federation", "اتحاد المعلمين السوريين", "Federasyona Mamosteyên Sûriyeyê"), [6]),
    (("Syrian Women’s Network", "شبكة النساء السوريات", "Tora Jinên Sûriyeyê"), [5]),
    (("Syrian Heritage Trust", "صندوق التراث السوري", "Fona Mîrateya Sûriyeyê"), [11, 19]),
    (("Northern Water Authority", "هيئة مياه الشمال", "Desteya Avê ya Bakur"), [0]),
    (("Federation of Professional Syndicates", "اتحاد النقابات المهنية", "Federasyona Sendîkayên Pîşeyî"), [12, 13]),
]

# Affiliation roles: English (stored on the affiliation), Arabic, Kurmanji (shown in interviews).
ROLES = [
    ("Head", "رئيس", "Serok"),
    ("Spokesperson", "متحدث رسمي", "Berdevk"),
    ("Director", "مدير", "Rêvebir"),
    ("Coordinator", "منسق", "Koordînator"),
    ("Volunteer", "متطوع", "Dilxwaz"),
    ("Engineer", "مهندس", "Endezyar"),
    ("Board member", "عضو مجلس الإدارة", "Endamê lijneya rêveber"),
    ("Field officer", "مسؤول ميداني", "Berpirsê qadê"),
    ("Deputy head", "نائب الرئيس", "Cîgirê serok"),
    ("Doctor", "طبيب", "Bijîşk"),
    ("Teacher", "معلم", "Mamoste"),
]
ROLE_NAMES = {en: (en, ar, ku) for en, ar, ku in ROLES}

# People interviewed without a recorded affiliation; the place goes in the gap: "resident of
# Aleppo", "من سكان حلب", "niştecihê Helebê" (Kurmanji takes the oblique form).
LAY_ROLES = [
    ("resident of {}", "من سكان {}", "niştecihê {}"),
    ("farmer in {}", "مزارع في {}", "cotkar li {}"),
    ("shop owner in {}", "صاحب متجر في {}", "xwediyê dikanê li {}"),
    ("teacher in {}", "معلم في {}", "mamoste li {}"),
    ("student in {}", "طالب في {}", "xwendekar li {}"),
    ("nurse in {}", "ممرضة في {}", "hemşîre li {}"),
    ("baker in {}", "خباز في {}", "firinvan li {}"),
    ("taxi driver in {}", "سائق سيارة أجرة في {}", "ajovanê taksiyê li {}"),
    ("pharmacist in {}", "صيدلاني في {}", "dermansaz li {}"),
]

# Names: (English spelling, native spelling, other spellings met in copy).
ARAB_GIVEN = [
    ("Ahmad", "أحمد", ["Ahmed"]), ("Mohammad", "محمد", ["Mohammed", "Muhammad"]),
    ("Khaled", "خالد", ["Khalid"]), ("Omar", "عمر", ["Umar"]), ("Hassan", "حسن", ["Hasan"]),
    ("Hussein", "حسين", ["Husayn", "Hussain"]), ("Ali", "علي", []), ("Mahmoud", "محمود", ["Mahmud"]),
    ("Yousef", "يوسف", ["Yusuf", "Youssef"]), ("Ibrahim", "إبراهيم", ["Ebrahim"]),
    ("Mustafa", "مصطفى", ["Moustafa"]), ("Abdullah", "عبد الله", ["Abdallah"]), ("Samer", "سامر", []),
    ("Bassel", "باسل", ["Basel"]), ("Fadi", "فادي", []), ("Rami", "رامي", []),
    ("Tarek", "طارق", ["Tariq"]), ("Walid", "وليد", ["Waleed"]), ("Ziad", "زياد", ["Ziyad"]),
    ("Nabil", "نبيل", ["Nabeel"]), ("Jamal", "جمال", []), ("Anas", "أنس", []), ("Firas", "فراس", []),
    ("Majd", "مجد", []), ("Ayman", "أيمن", ["Aiman"]), ("Hadi", "هادي", []),
    ("Saeed", "سعيد", ["Said"]), ("Adnan", "عدنان", []), ("Rafiq", "رفيق", ["Rafik"]),
    ("Fatima", "فاطمة", ["Fatma"]), ("Aisha", "عائشة", ["Aysha"]), ("Maryam", "مريم", ["Mariam"]),
    ("Nour", "نور", ["Noor"]), ("Layla", "ليلى", ["Leila"]), ("Rana", "رنا", []),
    ("Hala", "هالة", []), ("Samira", "سميرة", ["Sameera"]), ("Huda", "هدى", ["Hoda"]),
    ("Amal", "أمل", []), ("Rasha", "رشا", []), ("Dima", "ديما", []), ("Lina", "لينا", ["Leena"]),
    ("Reem", "ريم", ["Rim"]), ("Salma", "سلمى", []), ("Yasmin", "ياسمين", ["Yasmine"]),
    ("Zeinab", "زينب", ["Zaynab"]), ("Ghada", "غادة", []), ("Manal", "منال", []),
    ("Souad", "سعاد", ["Suad"]), ("Hanan", "حنان", []), ("Nisreen", "نسرين", ["Nesrine"]),
    ("Ruba", "ربى", []), ("Wafa", "وفاء", []),
]
# The first 29 given names are men's: used for the father's name in three-part names.
ARAB_FATHERS = ARAB_GIVEN[:29]
ARAB_FAMILY = [
    ("Al-Saleh", "الصالح", ["Saleh"]), ("Haddad", "الحداد", ["Al-Haddad"]),
    ("Khalil", "خليل", ["Khaleel"]), ("Darwish", "درويش", ["Darweesh"]), ("Al-Ahmad", "الأحمد", ["Ahmad"]),
    ("Othman", "عثمان", ["Osman", "Uthman"]), ("Hamdan", "حمدان", []),
    ("Al-Hussein", "الحسين", ["Hussein"]), ("Qassab", "القصاب", ["Kassab"]),
    ("Najjar", "النجار", ["Al-Najjar"]), ("Shami", "الشامي", ["Al-Shami"]),
    ("Halabi", "الحلبي", ["Al-Halabi"]), ("Masri", "المصري", ["Al-Masri"]), ("Issa", "عيسى", ["Eissa"]),
    ("Yassin", "ياسين", ["Yasin"]), ("Sabbagh", "الصباغ", ["Sabbag"]), ("Jaber", "جابر", ["Jabir"]),
    ("Zein", "الزين", ["Al-Zein"]), ("Hammoud", "حمود", ["Hamoud"]), ("Abdo", "عبدو", ["Abdou"]),
    ("Suleiman", "سليمان", ["Sulayman", "Soliman"]), ("Barakat", "بركات", []),
    ("Nasser", "ناصر", ["Nasir"]), ("Khatib", "الخطيب", ["Al-Khatib"]), ("Tawil", "الطويل", ["Al-Taweel"]),
    ("Bakkour", "بكور", ["Bakour"]), ("Mousa", "موسى", ["Musa"]), ("Kayyali", "الكيالي", ["Kayali"]),
    ("Attar", "العطار", ["Al-Attar"]), ("Homsi", "الحمصي", ["Al-Homsi"]), ("Idlibi", "الإدلبي", []),
    ("Aswad", "الأسود", ["Al-Aswad"]), ("Rifai", "الرفاعي", ["Al-Rifai"]),
    ("Farouk", "فاروق", ["Farouq"]), ("Dabbagh", "الدباغ", []), ("Sharif", "الشريف", ["Al-Sharif"]),
    ("Akkad", "العقاد", ["Al-Aqqad"]), ("Jundi", "الجندي", ["Al-Jundi"]), ("Hallak", "الحلاق", ["Hallaq"]),
    ("Murad", "مراد", ["Mourad"]),
]
KURD_GIVEN = [
    ("Rojda", "Rojda", []), ("Berivan", "Berîvan", ["Beriwan"]), ("Jiyan", "Jiyan", ["Jian"]),
    ("Hevi", "Hêvî", ["Hêvi"]), ("Zozan", "Zozan", []), ("Nergiz", "Nêrgiz", ["Nerges"]),
    ("Dilan", "Dilan", []), ("Shilan", "Şîlan", ["Chilan"]), ("Azad", "Azad", []),
    ("Baran", "Baran", []), ("Rezan", "Rêzan", []), ("Serhat", "Serhat", []),
    ("Sherko", "Şêrko", ["Shirko"]), ("Diyar", "Diyar", ["Dyar"]), ("Dilshad", "Dilşad", []),
    ("Welat", "Welat", ["Walat"]), ("Kawa", "Kawa", ["Kawe"]), ("Jwan", "Ciwan", ["Ciwan"]),
    ("Rojin", "Rojîn", []), ("Heval", "Heval", []),
]
KURD_FAMILY = [
    ("Aziz", "Ezîz", []), ("Sleiman", "Silêman", ["Suleiman"]), ("Biro", "Biro", ["Birou"]),
    ("Remo", "Remo", []), ("Sheikho", "Şêxo", ["Sheikhou"]), ("Ibo", "Îbo", []),
    ("Hamo", "Hemo", []), ("Osse", "Osê", ["Ossi"]), ("Bakir", "Bekir", []),
    ("Darwish", "Derwêş", ["Derwesh"]), ("Khalil", "Xelîl", ["Xelil"]), ("Jindi", "Cindî", []),
    ("Zaza", "Zaza", []), ("Botan", "Botan", []), ("Amed", "Amed", []),
]


def acronym(name: str) -> str:
    """'Aleppo Water Board' -> 'AWB'; small words are left out."""
    words = name.replace("-", " ").split()
    return "".join(w[0] for w in words if w.lower() not in {"of", "and", "the", "al"}).upper()


class CopyWriter:
    """Writes headlines, standfirsts and bodies in one language from a seeded random generator.

    Sentences are drawn from a pool made once per language (thousands of combinations), so an
    ~800-word body costs a few dozen random choices rather than hundreds.
    """

    POOL_SIZE = 3000

    def __init__(self, rng: random.Random, language: str):
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self.rng = rng
        self.language = language
        self.index = LANGUAGES.index(language)
        self.pool = [self._sentence() for _ in range(self.POOL_SIZE)]
        self.pool_words = [len(s.split()) for s in self.pool]

    def _pick(self, entries):
        return self.rng.choice(entries)[self.index]

    def _main_sentence(self, place: Place | None = None, *, headline: bool = False) -> str:
        subject, verb, obj = self._pick(SUBJECTS), self._pick(VERBS), self._pick(OBJECTS)
        place = place or self.rng.choice(PLACES)
        if self.language == "en":
            if headline:
                return f"{place.en}: {subject} {verb} {obj}"
            return f"{subject} {verb} {obj} in {place.en} {self._pick(TIMES)}."
        if self.language == "ar":
            if headline:
                return f"{place.ar}: {subject} {verb} {obj}"
            conjunction = "و" if self.rng.random() < 0.5 else ""
            return f"{conjunction}{verb} {subject} {obj} في {place.ar} {self._pick(TIMES)}."
        if headline:
            return f"{place.ku}: {subject} {obj} {verb}"
        return f"{subject} li {place.ku_oblique} {self._pick(TIMES)} {obj} {verb}."

    def _quote(self) -> str:
        quote, speaker = self._pick(QUOTES), self._pick(SPEAKERS)
        if self.language == "en":
            return f"“{quote},” said {speaker}."
        if self.language == "ar":
            return f"{speaker}: «{quote}»."
        return f"{speaker} dibêje: “{quote}.”"

    def _figure(self) -> str:
        n = f"{self.rng.randrange(40, 12000):,}"
        counted = self._pick(COUNTED)
        if self.language == "en":
            return f"According to local officials, {n} {counted} so far."
        if self.language == "ar":
            return f"وبحسب مسؤولين محليين، بلغ عدد {counted} حتى الآن {n}."
        return f"Li gorî berpirsên herêmî, heta niha {n} {counted}."

    def _sentence(self) -> str:
        roll = self.rng.random()
        if roll < 0.5:
            return self._main_sentence()
        if roll < 0.7:
            return self._quote()
        if roll < 0.8:
            return self._figure()
        return self.rng.choice(BACKGROUND[self.language])

    def headline(self, place: Place) -> str:
        return self._main_sentence(place, headline=True)

    def dek(self, place: Place) -> str:
        return self._main_sentence(place)

    def dateline(self, place: Place) -> str:
        separator = "، " if self.language == "ar" else ", "
        return f"{getattr(place, self.language)}{separator}{COUNTRY[self.language]}"

    def body(self, words: int = 800) -> str:
        """About ``words`` words of ``<p>`` paragraphs with a ``<h2>`` subhead every few paragraphs.

        Only ``<p>`` and ``<h2>`` around text without markup characters: already in the shape that
        ``sanitize_html`` keeps unchanged.
        """
        rng, pool, pool_words = self.rng, self.pool, self.pool_words
        parts, count, paragraphs = [], 0, 0
        while count < words:
            if paragraphs and paragraphs % 4 == 0:
                parts.append(f"<h2>{rng.choice(SUBHEADS[self.language])}</h2>")
            picks = rng.choices(range(len(pool)), k=rng.randint(3, 5))
            parts.append("<p>" + " ".join(pool[i] for i in picks) + "</p>")
            count += sum(pool_words[i] for i in picks)
            paragraphs += 1
        return "".join(parts)
