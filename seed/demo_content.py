"""Fictional demo content for Newsroom, read by ``seed.demo`` (the ``seed_demo`` command).

Everything here was written for Newsroom's demo: the people, organizations, schools, clinics and
events are invented, and any resemblance to real persons or organizations is coincidental. Place
names are real so that tags, datelines and maps look like a working agency's.

This module holds data only. See ``seed/demo.py`` for how each key is used:

* ``TAGS``: tag names, created before the stories.
* ``PEOPLE``: people with native-script names and alternate spellings.
* ``ORGANIZATIONS``: organizations with aliases; ``parent`` names an earlier organization's slug.
* ``AFFILIATIONS``: who holds which role where; interviewees point to these by organization slug.
* ``STORIES``: one dict per story, with one version per language sharing a translation key.
"""

AGENCY = {
    "en": "Newsroom Demo Agency",
    "ar": "وكالة نيوزروم التجريبية",
    "ku": "Ajansa Demo ya Newsroom",
}

TAGS = [
    # Places
    "Aleppo",
    "Idlib",
    "Hama",
    "Latakia",
    "Raqqa",
    "Qamishli",
    # Topics
    "Water",
    "Education",
    "Agriculture",
    "Civil defense",
    "Health",
    "Reconstruction",
    "Displacement",
    "Culture",
    "Economy",
    "Music",
    "Wildfires",
    "Food prices",
]

PEOPLE = [
    {
        "slug": "lina-haddad",
        "name": "Lina Haddad",
        "native_name": "لينا الحداد",
        "alternate_names": ["Lina al-Haddad", "Leena Haddad"],
        "bio": "Water engineer who heads network rehabilitation at the Aleppo Water Board. "
        "She has led the zone-by-zone metering of the city’s eastern districts since 2019.",
    },
    {
        "slug": "samira-qassab",
        "name": "Samira Qassab",
        "native_name": "سميرة القصاب",
        "alternate_names": ["Samira al-Qassab", "Sameera Kassab"],
        "bio": "Headmistress of Al-Yasmin Secondary School for Girls in Idlib and a mathematics "
        "teacher for more than twenty years.",
    },
    {
        "slug": "yusuf-barakat",
        "name": "Yusuf Barakat",
        "native_name": "يوسف بركات",
        "alternate_names": ["Youssef Barakat", "Yousef Barakat"],
        "bio": "Wheat and olive farmer from the Ghab plain who has headed the Orontes Farmers’ "
        "Cooperative since it was founded.",
    },
    {
        "slug": "dilovan-sheikho",
        "name": "Dilovan Sheikho",
        "native_name": "Dilovan Şêxo",
        "alternate_names": ["Dilovan Shexo", "ديلوفان شيخو", "Dilovan Sheikhou"],
        "bio": "Tembûr player and music teacher from Qamishli, founder of the Jazira Music House "
        "and of its archive of dengbêj recordings.",
    },
    {
        "slug": "khaled-nasrallah",
        "name": "Khaled Nasrallah",
        "native_name": "خالد نصر الله",
        "alternate_names": ["Khalid Nasrallah", "Khaled Nasr Allah"],
        "bio": "Civil defense volunteer coordinator in the northern Latakia countryside, where he "
        "trains village first-response teams for fires and floods.",
    },
    {
        "slug": "rana-mardini",
        "name": "Rana Mardini",
        "native_name": "رنا مارديني",
        "alternate_names": ["Rana al-Mardini", "Rana Mardiny"],
        "bio": "Economist who studies food prices and rural livelihoods in northern and eastern "
        "Syria, and an adviser to the Orontes Farmers’ Cooperative.",
    },
]

ORGANIZATIONS = [
    {
        "slug": "aleppo-water-board",
        "name": "Aleppo Water Board",
        "aliases": ["AWB", "Aleppo Water Authority", "مجلس مياه حلب"],
        "description": "Public utility that runs the pumping stations and the distribution "
        "network supplying drinking water to Aleppo and nearby towns.",
        "founded_year": 1962,
        "website": "https://water.example.org",
        "parent": None,
    },
    {
        "slug": "orontes-farmers-cooperative",
        "name": "Orontes Farmers’ Cooperative",
        "aliases": ["OFC", "Orontes Co-op", "جمعية العاصي الفلاحية"],
        "description": "Cooperative of about 3,000 smallholders in the Ghab plain and the "
        "countryside west of Hama, buying inputs and selling grain and olive oil jointly.",
        "founded_year": 2016,
        "website": "https://orontes.example.com",
        "parent": None,
    },
    {
        "slug": "ghab-seed-bank",
        "name": "Ghab Community Seed Bank",
        "aliases": ["Ghab Seed Bank", "بنك بذور الغاب المجتمعي"],
        "description": "Seed bank of the Orontes Farmers’ Cooperative that multiplies, tests and "
        "lends local wheat and barley varieties to member farmers.",
        "founded_year": 2020,
        "website": "",
        "parent": "orontes-farmers-cooperative",
    },
    {
        "slug": "jazira-music-house",
        "name": "Jazira Music House",
        "aliases": ["JMH", "Mala Muzîkê ya Cizîrê", "بيت موسيقى الجزيرة"],
        "description": "Community music school in Qamishli offering free tembûr and singing "
        "lessons to children, and recording the songs of older dengbêj singers.",
        "founded_year": 2019,
        "website": "https://jazira-music.example.org",
        "parent": None,
    },
]

AFFILIATIONS = [
    {
        "person": "lina-haddad",
        "organization": "aleppo-water-board",
        "role": "Head of network rehabilitation",
        "start_date": "2019-03-01",
    },
    {
        "person": "yusuf-barakat",
        "organization": "orontes-farmers-cooperative",
        "role": "Head",
        "start_date": "2016-05-10",
    },
    {
        "person": "yusuf-barakat",
        "organization": "ghab-seed-bank",
        "role": "Board member",
        "start_date": "2020-11-01",
    },
    {
        "person": "rana-mardini",
        "organization": "orontes-farmers-cooperative",
        "role": "Economic adviser",
        "start_date": "2022-01-15",
    },
    {
        "person": "dilovan-sheikho",
        "organization": "jazira-music-house",
        "role": "Founder and director",
        "start_date": None,
    },
]

STORIES = [
    # 1. Interview in English, Arabic and Kurdish (Kurmanji).
    {
        "kind": "interview",
        "days_ago": 3,
        "hour_offset": 2,
        "status": "published",
        "source": "en",
        "byline": "reporter",
        "tags": ["Qamishli", "Culture", "Music", "Education"],
        "organizations": ["jazira-music-house"],
        "interviewees": [
            [
                "dilovan-sheikho",
                {
                    "en": "founder of the Jazira Music House",
                    "ar": "مؤسس بيت موسيقى الجزيرة",
                    "ku": "damezrînerê Mala Muzîkê ya Cizîrê",
                    "organization": "jazira-music-house",
                },
            ],
        ],
        "versions": {
            "en": {
                "headline": "Dilovan Sheikho: “Every child who learns a song keeps a village alive”",
                "slug": "dilovan-sheikho-jazira-music-house",
                "dek": "The founder of the Jazira Music House in Qamishli talks about teaching "
                "children the tembûr and recording songs that older generations still remember.",
                "dateline": "Qamishli, Syria",
                "agency": AGENCY["en"],
                "body": (
                    "<p><strong>Qamishli</strong> — In a rented two-storey house near the city’s "
                    "old market, the Jazira Music House gives free tembûr lessons to about 120 "
                    "children a week. The tembûr, a long-necked lute, is at the heart of Kurdish "
                    "folk music. The house’s founder, the musician and teacher Dilovan Sheikho, "
                    "spoke to Newsroom about the project, the old songs he wants to save and what "
                    "the house needs most.</p>"
                    "<h2>Small beginnings</h2>"
                    "<p><strong>How did the Music House begin?</strong></p>"
                    "<p>“It began in my living room, with six students and two borrowed "
                    "instruments. Parents kept knocking on the door to ask whether there was room "
                    "for one more child. After a year the waiting list was longer than the class "
                    "itself, so some friends and I rented this house and turned it into three "
                    "practice rooms. Today Kurdish, Arab and Syriac children come to us, most of "
                    "them between eight and fifteen, and many from families displaced from other "
                    "towns.”</p>"
                    "<h2>Recording the old songs</h2>"
                    "<p><strong>You have also started an archive. Why?</strong></p>"
                    "<p>“Many of the <em>dengbêj</em>, the traditional singers who tell long "
                    "stories in song, are now in their seventies and eighties. When one of them "
                    "passes away, dozens of songs can disappear with him. Since last spring our "
                    "volunteers have recorded more than 200 songs in villages around Qamishli, "
                    "with the singers’ permission, and we are writing down the lyrics too. Every "
                    "child who learns a song keeps a village alive.”</p>"
                    "<blockquote>“When one of them passes away, dozens of songs can disappear "
                    "with him.”</blockquote>"
                    "<h2>What comes next</h2>"
                    "<p><strong>What does the Music House need most?</strong></p>"
                    "<p>“Electricity and strings. We lose two or three hours of lessons a day to "
                    "power cuts, and good strings are expensive and hard to bring in. But the "
                    "children keep coming, so we keep going.”</p>"
                ),
            },
            "ar": {
                "headline": "ديلوفان شيخو: «كل طفل يتعلم أغنية يُبقي قرية حيّة»",
                "slug": "ديلوفان-شيخو-بيت-موسيقى-الجزيرة",
                "dek": "يتحدث مؤسس «بيت موسيقى الجزيرة» في القامشلي عن تعليم الأطفال العزف على "
                "الطنبور، وعن تسجيل أغانٍ لا تزال الأجيال الأكبر سناً تحفظها.",
                "dateline": "القامشلي، سوريا",
                "agency": AGENCY["ar"],
                "body": (
                    "<p><strong>القامشلي</strong> — في منزل مستأجر من طابقين قرب السوق القديم "
                    "في المدينة، يقدّم بيت موسيقى الجزيرة دروساً مجانية في العزف على الطنبور "
                    "لنحو 120 طفلاً كل أسبوع. والطنبور آلة وترية ذات زند طويل تُعدّ قلب "
                    "الموسيقى الشعبية الكردية. وتحدّث مؤسس البيت، الموسيقي والمدرّس ديلوفان "
                    "شيخو، إلى «نيوزروم» عن المشروع، وعن الأغاني القديمة التي يسعى إلى إنقاذها، "
                    "وعن أكثر ما يحتاجه البيت.</p>"
                    "<h2>بداية متواضعة</h2>"
                    "<p><strong>كيف بدأ بيت الموسيقى؟</strong></p>"
                    "<p>«بدأ في غرفة الجلوس في بيتي، بستة طلاب وآلتين مستعارتين. كان الأهالي "
                    "يطرقون الباب باستمرار ليسألوا إن كان هناك مكان لطفل آخر. وبعد عام صارت "
                    "قائمة الانتظار أطول من الصف نفسه، فاستأجرتُ مع مجموعة من الأصدقاء هذا "
                    "المنزل وحوّلناه إلى ثلاث غرف للتدريب. واليوم يأتينا أطفال أكراد وعرب "
                    "وسريان، تتراوح أعمار معظمهم بين الثامنة والخامسة عشرة، وكثير منهم من "
                    "عائلات نزحت من مدن أخرى.»</p>"
                    "<h2>تسجيل الأغاني القديمة</h2>"
                    "<p><strong>بدأتم أيضاً في إنشاء أرشيف. لماذا؟</strong></p>"
                    "<p>«كثير من <em>الدنغبيج</em>، وهم المغنون التقليديون الذين يروون حكايات "
                    "طويلة بالغناء، تجاوزوا السبعين والثمانين من العمر. وحين يرحل أحدهم، قد "
                    "تختفي معه عشرات الأغاني. ومنذ الربيع الماضي سجّل متطوعونا، بإذن المغنين، "
                    "أكثر من 200 أغنية في القرى المحيطة بالقامشلي، ونعمل أيضاً على تدوين "
                    "كلماتها. كل طفل يتعلم أغنية يُبقي قرية حيّة.»</p>"
                    "<blockquote>«حين يرحل أحدهم، قد تختفي معه عشرات الأغاني.»</blockquote>"
                    "<h2>الخطوة التالية</h2>"
                    "<p><strong>ما أكثر ما يحتاجه بيت الموسيقى؟</strong></p>"
                    "<p>«الكهرباء والأوتار. نخسر ساعتين أو ثلاثاً من الدروس يومياً بسبب انقطاع "
                    "التيار، والأوتار الجيدة غالية ويصعب جلبها. لكن الأطفال يواصلون المجيء، "
                    "ولذلك نواصل نحن العمل.»</p>"
                ),
            },
            "ku": {
                "headline": "Dilovan Şêxo: “Her zarokê ku stranekê hîn dibe, gundekî zindî dihêle”",
                "slug": "dilovan-sexo-mala-muzike-ya-cizire",
                "dek": "Damezrînerê Mala Muzîkê ya Cizîrê li Qamişloyê behsa hînkirina tembûrê ji "
                "zarokan re û tomarkirina wan stranan dike ku nifşên mezin hê jî tînin bîra xwe.",
                "dateline": "Qamişlo, Sûriye",
                "agency": AGENCY["ku"],
                "body": (
                    "<p><strong>Qamişlo</strong> — Mala Muzîkê ya Cizîrê, di xaniyekî du qatî yê "
                    "bi kirê de li nêzî bazara kevn a bajêr, her hefte dersên tembûrê yên belaş "
                    "dide nêzîkî 120 zarokan. Tembûr, amûra bi destikê dirêj, dilê muzîka gelêrî "
                    "ya kurdî ye. Damezrînerê malê, muzîkjen û mamoste Dilovan Şêxo, ji Newsroom "
                    "re behsa projeyê, wan stranên kevn ên ku dixwaze biparêze û hewcedariyên "
                    "herî mezin ên malê kir.</p>"
                    "<h2>Destpêkeke biçûk</h2>"
                    "<p><strong>Mala Muzîkê çawa dest pê kir?</strong></p>"
                    "<p>“Di odeya rûniştinê ya mala min de, bi şeş xwendekaran û du amûrên deyn "
                    "dest pê kir. Dê û bav her tim li derî dixistin û dipirsîn ka cih ji bo "
                    "zarokekî din jî heye an na. Piştî salekê lîsteya bendemayînê ji polê bixwe "
                    "dirêjtir bû, loma min û çend hevalan ev xanî bi kirê girt û me ew kir sê "
                    "odeyên perwerdeyê. Îro zarokên kurd, ereb û suryan tên cem me; piraniya wan "
                    "di navbera heşt û panzdeh saliyê de ne, û malbatên gelek ji wan ji bajarên din "
                    "koçber bûne.”</p>"
                    "<h2>Tomarkirina stranên kevn</h2>"
                    "<p><strong>We arşîvek jî ava kiriye. Çima?</strong></p>"
                    "<p>“Gelek <em>dengbêj</em>, ango stranbêjên kevneşopî yên ku çîrokên dirêj "
                    "bi stranan vedibêjin, niha di heftê û heştê saliya xwe de ne. Dema yek ji "
                    "wan koça dawî dike, dibe ku bi dehan stran jî bi wî re winda bibin. Ji "
                    "bihara borî ve dilxwazên me, bi destûra stranbêjan, li gundên derdora "
                    "Qamişloyê zêdetirî 200 stran tomar kirine, û em gotinên wan jî dinivîsin. "
                    "Her zarokê ku stranekê hîn dibe, gundekî zindî dihêle.”</p>"
                    "<blockquote>“Dema yek ji wan koça dawî dike, dibe ku bi dehan stran jî bi "
                    "wî re winda bibin.”</blockquote>"
                    "<h2>Gava pêş</h2>"
                    "<p><strong>Mala Muzîkê herî zêde çi hewce dike?</strong></p>"
                    "<p>“Elektrîk û têl. Ji ber qutbûna elektrîkê em her roj du-sê saetên dersan "
                    "winda dikin, û têlên baş biha ne û anîna wan zehmet e. Lê zarok her tên, "
                    "loma em jî berdewam dikin.”</p>"
                ),
            },
        },
    },
    # 2. Interview in English and Arabic.
    {
        "kind": "interview",
        "days_ago": 10,
        "hour_offset": 4,
        "status": "published",
        "source": "en",
        "byline": "reporter",
        "tags": ["Aleppo", "Water", "Reconstruction"],
        "organizations": ["aleppo-water-board"],
        "interviewees": [
            [
                "lina-haddad",
                {
                    "en": "head of network rehabilitation at the Aleppo Water Board",
                    "ar": "رئيسة قسم إعادة تأهيل الشبكات في مجلس مياه حلب",
                    "organization": "aleppo-water-board",
                },
            ],
        ],
        "versions": {
            "en": {
                "headline": "Lina Haddad: “We lose a third of Aleppo’s water before it reaches a tap”",
                "slug": "lina-haddad-aleppo-water-network",
                "dek": "The engineer leading the Aleppo Water Board’s network repairs explains why "
                "fixing leaks matters as much as new pumps, and when eastern districts can expect "
                "water every day.",
                "dateline": "Aleppo, Syria",
                "agency": AGENCY["en"],
                "body": (
                    "<p><strong>Aleppo</strong> — Lina Haddad has spent the past five years "
                    "mapping and repairing Aleppo’s water network. She heads network "
                    "rehabilitation at the Aleppo Water Board, whose crews are replacing about 14 "
                    "kilometres of damaged mains in the city’s eastern districts this year.</p>"
                    "<h2>The scale of the problem</h2>"
                    "<p><strong>How much water does the city lose?</strong></p>"
                    "<p>“Our measurements suggest that roughly a third of the water we pump never "
                    "reaches a household. Some of it leaks from pipes that were damaged years ago "
                    "and never properly repaired; some is lost through unauthorized connections. "
                    "Every litre we lose has already cost us fuel or electricity to pump.”</p>"
                    "<h2>Repairs, street by street</h2>"
                    "<p><strong>What is being done about it?</strong></p>"
                    "<p>“We divided the eastern districts into twelve zones, each with its own "
                    "meter, so we can see exactly where water disappears. When a zone shows a big "
                    "gap between what enters it and what is billed, a crew goes street by street "
                    "with acoustic leak detectors. In the first three zones we finished, losses "
                    "fell by almost half.”</p>"
                    "<blockquote>“Every litre we lose has already cost us fuel or electricity to "
                    "pump.”</blockquote>"
                    "<h2>When will the taps run?</h2>"
                    "<p><strong>When can residents expect a daily supply?</strong></p>"
                    "<p>“I prefer not to promise a date. Today most eastern neighbourhoods receive "
                    "water two or three days a week. If the remaining zones are finished on "
                    "schedule and the pumping stations have stable power, we hope to reach a "
                    "daily supply for most of them within two years. Until then, people should "
                    "keep storing water safely and report any leak they see — many of our best "
                    "repairs started with a phone call from a resident.”</p>"
                ),
            },
            "ar": {
                "headline": "لينا الحداد: «نخسر ثلث مياه حلب قبل أن تصل إلى الصنبور»",
                "slug": "لينا-الحداد-شبكة-مياه-حلب",
                "dek": "تشرح المهندسة التي تقود أعمال إصلاح الشبكة في مجلس مياه حلب لماذا لا يقلّ "
                "إصلاح التسربات أهمية عن المضخات الجديدة، ومتى يمكن أن تصل المياه يومياً إلى "
                "الأحياء الشرقية.",
                "dateline": "حلب، سوريا",
                "agency": AGENCY["ar"],
                "body": (
                    "<p><strong>حلب</strong> — أمضت لينا الحداد السنوات الخمس الماضية في رسم "
                    "خرائط شبكة المياه في حلب وإصلاحها. وهي ترأس قسم إعادة تأهيل الشبكات في "
                    "مجلس مياه حلب، الذي تعمل فرقه هذا العام على استبدال نحو 14 كيلومتراً من "
                    "الخطوط الرئيسية المتضررة في الأحياء الشرقية من المدينة.</p>"
                    "<h2>حجم المشكلة</h2>"
                    "<p><strong>ما كمية المياه التي تخسرها المدينة؟</strong></p>"
                    "<p>«تشير قياساتنا إلى أن نحو ثلث المياه التي نضخها لا يصل إلى المنازل "
                    "أبداً. جزء منها يتسرب من أنابيب تضررت قبل سنوات ولم تُصلَح كما ينبغي، وجزء "
                    "آخر يضيع عبر التوصيلات غير النظامية. وكل لتر نخسره يكون قد كلّفنا وقوداً أو "
                    "كهرباء لضخّه.»</p>"
                    "<h2>الإصلاح شارعاً شارعاً</h2>"
                    "<p><strong>وما الذي يجري لمعالجة ذلك؟</strong></p>"
                    "<p>«قسّمنا الأحياء الشرقية إلى اثنتي عشرة منطقة، لكل منها عدّاد خاص، كي "
                    "نعرف بالضبط أين تختفي المياه. وحين تُظهر منطقة ما فجوة كبيرة بين ما يدخلها "
                    "وما تصدر به فواتير، ينتقل فريق شارعاً شارعاً بأجهزة الكشف الصوتي عن "
                    "التسربات. وفي المناطق الثلاث الأولى التي أنجزناها، انخفض الفاقد إلى النصف "
                    "تقريباً.»</p>"
                    "<blockquote>«كل لتر نخسره يكون قد كلّفنا وقوداً أو كهرباء لضخّه.»"
                    "</blockquote>"
                    "<h2>متى تتدفق المياه من الصنابير؟</h2>"
                    "<p><strong>متى يمكن للسكان أن يتوقعوا وصول المياه يومياً؟</strong></p>"
                    "<p>«أفضّل ألا أعد بموعد محدد. تصل المياه اليوم إلى معظم الأحياء الشرقية "
                    "يومين أو ثلاثة أيام في الأسبوع. وإذا أُنجزت المناطق المتبقية في موعدها "
                    "وحصلت محطات الضخ على كهرباء مستقرة، فإننا نأمل الوصول إلى تزويد يومي "
                    "لمعظمها خلال عامين. وحتى ذلك الحين، على الناس أن يواصلوا تخزين المياه "
                    "بطريقة آمنة وأن يبلغوا عن أي تسرب يلاحظونه، فكثير من أفضل إصلاحاتنا بدأ "
                    "باتصال هاتفي من أحد السكان.»</p>"
                ),
            },
        },
    },
    # 3. Interview in English and Arabic.
    {
        "kind": "interview",
        "days_ago": 21,
        "hour_offset": 1,
        "status": "published",
        "source": "en",
        "byline": "reporter",
        "tags": ["Idlib", "Education", "Displacement"],
        "organizations": [],
        "interviewees": [
            [
                "samira-qassab",
                {
                    "en": "headmistress of Al-Yasmin Secondary School for Girls",
                    "ar": "مديرة ثانوية الياسمين للبنات",
                    "organization": None,
                },
            ],
        ],
        "versions": {
            "en": {
                "headline": "Samira Qassab: “We run two shifts, and still there are girls waiting”",
                "slug": "samira-qassab-idlib-school-shifts",
                "dek": "The headmistress of a girls’ secondary school in Idlib describes teaching "
                "900 students in a building designed for 400, many of them from displaced "
                "families.",
                "dateline": "Idlib, Syria",
                "agency": AGENCY["en"],
                "body": (
                    "<p><strong>Idlib</strong> — Samira Qassab has been headmistress of Al-Yasmin "
                    "Secondary School for Girls for eight years. The school now teaches about 900 "
                    "students in two daily shifts, in a building designed for 400. Many of the "
                    "girls live with their families in displacement camps on the edge of the "
                    "city. She spoke to Newsroom about overcrowding, teachers’ pay and exams.</p>"
                    "<h2>Two schools in one building</h2>"
                    "<p><strong>How does the school cope with so many students?</strong></p>"
                    "<p>“We run two schools in one building. The morning shift starts at half past "
                    "seven and the afternoon shift ends at five. Classes have up to 55 students, "
                    "so teachers cannot always give every girl the attention she needs. We turned "
                    "the library and part of the staff room into classrooms, which I regret, but "
                    "a girl in a classroom is better than a girl at home with no lessons. And "
                    "still there are girls waiting for a place.”</p>"
                    "<h2>Teachers who stay</h2>"
                    "<p><strong>Are you able to keep your teachers?</strong></p>"
                    "<p>“This is my biggest worry. Salaries are low and often late, and some of "
                    "our best teachers have left for other work. Those who stay do so because "
                    "they believe in what they do. Parents help where they can: last winter they "
                    "collected money for heating fuel so that no lesson was cancelled because of "
                    "the cold.”</p>"
                    "<blockquote>“A girl in a classroom is better than a girl at home with no "
                    "lessons.”</blockquote>"
                    "<h2>Looking ahead to the exams</h2>"
                    "<p><strong>What do your students need most before the final exams?</strong></p>"
                    "<p>“Quiet places to study, and electricity in the evening. Many of them share "
                    "one room with their whole family. We have started keeping three classrooms "
                    "open until dusk so that final-year students can revise together, with a "
                    "teacher on duty. Last year 87 percent of our final-year girls passed, and I "
                    "want us to do better.”</p>"
                ),
            },
            "ar": {
                "headline": "سميرة القصاب: «نعمل بدوامين، وما زالت هناك فتيات ينتظرن»",
                "slug": "سميرة-القصاب-مدرسة-بدوامين-في-إدلب",
                "dek": "تصف مديرة ثانوية للبنات في إدلب تدريس 900 طالبة في مبنى صُمّم لاستيعاب "
                "400، كثيرات منهن من عائلات نازحة.",
                "dateline": "إدلب، سوريا",
                "agency": AGENCY["ar"],
                "body": (
                    "<p><strong>إدلب</strong> — تتولى سميرة القصاب إدارة ثانوية الياسمين للبنات "
                    "منذ ثماني سنوات. وتضم المدرسة اليوم نحو 900 طالبة يتوزعن على دوامين "
                    "يومياً، في مبنى صُمّم لاستيعاب 400 طالبة فقط، وتعيش كثيرات منهن مع "
                    "عائلاتهن في مخيمات النزوح على أطراف المدينة. وتحدثت القصاب إلى «نيوزروم» "
                    "عن الاكتظاظ ورواتب المعلمين والامتحانات.</p>"
                    "<h2>مدرستان في مبنى واحد</h2>"
                    "<p><strong>كيف تتعامل المدرسة مع هذا العدد الكبير من الطالبات؟</strong></p>"
                    "<p>«ندير مدرستين في مبنى واحد. يبدأ الدوام الصباحي في السابعة والنصف، "
                    "وينتهي الدوام المسائي في الخامسة. ويصل عدد الطالبات في الصف الواحد إلى 55، "
                    "لذلك لا يستطيع المعلمون دائماً منح كل فتاة الاهتمام الذي تحتاجه. حوّلنا "
                    "المكتبة وجزءاً من غرفة المعلمين إلى صفوف، وأنا آسفة لذلك، لكن فتاة في الصف "
                    "أفضل من فتاة في البيت بلا دروس. ومع ذلك ما زالت هناك فتيات ينتظرن مقعداً.»"
                    "</p>"
                    "<h2>معلمون باقون</h2>"
                    "<p><strong>هل تتمكنين من الحفاظ على معلميك؟</strong></p>"
                    "<p>«هذا أكثر ما يقلقني. الرواتب منخفضة وكثيراً ما تتأخر، وقد ترك بعض "
                    "أفضل معلمينا المهنة بحثاً عن أعمال أخرى. ومن بقي منهم بقي لأنه يؤمن بما "
                    "يفعل. ويساعد الأهالي قدر استطاعتهم: ففي الشتاء الماضي جمعوا المال لشراء "
                    "وقود التدفئة حتى لا يُلغى أي درس بسبب البرد.»</p>"
                    "<blockquote>«فتاة في الصف أفضل من فتاة في البيت بلا دروس.»</blockquote>"
                    "<h2>استعداداً للامتحانات</h2>"
                    "<p><strong>ما أكثر ما تحتاجه طالباتك قبل الامتحانات النهائية؟</strong></p>"
                    "<p>«أماكن هادئة للدراسة، وكهرباء في المساء. كثيرات منهن يتقاسمن غرفة "
                    "واحدة مع العائلة كلها. بدأنا نُبقي ثلاثة صفوف مفتوحة حتى المغيب كي تراجع "
                    "طالبات الصف الأخير دروسهن معاً بإشراف معلمة مناوبة. في العام الماضي نجحت "
                    "87 في المئة من طالبات الصف الأخير، وأريد أن نحقق نتيجة أفضل.»</p>"
                ),
            },
        },
    },
    # 4. News in English and Arabic.
    {
        "kind": "news",
        "days_ago": 1,
        "hour_offset": 3,
        "status": "published",
        "source": "en",
        "byline": "reporter",
        "tags": ["Hama", "Agriculture", "Economy"],
        "organizations": ["orontes-farmers-cooperative", "ghab-seed-bank"],
        "interviewees": [
            [
                "yusuf-barakat",
                {
                    "en": "head of the Orontes Farmers’ Cooperative",
                    "ar": "رئيس جمعية العاصي الفلاحية",
                    "organization": "orontes-farmers-cooperative",
                },
            ],
            [
                "rana-mardini",
                {
                    "en": "economic adviser to the Orontes Farmers’ Cooperative",
                    "ar": "مستشارة اقتصادية لدى جمعية العاصي الفلاحية",
                    "organization": "orontes-farmers-cooperative",
                },
            ],
        ],
        "versions": {
            "en": {
                "headline": "Hama farmers receive locally grown wheat seed as cooperative expands seed bank",
                "slug": "hama-farmers-receive-local-wheat-seed",
                "dek": "The Orontes Farmers’ Cooperative says it has handed out 180 tonnes of "
                "drought-tolerant wheat seed to about 1,400 smallholders in the Ghab plain and "
                "surrounding villages.",
                "dateline": "Hama, Syria",
                "agency": AGENCY["en"],
                "body": (
                    "<p><strong>Hama</strong> — The Orontes Farmers’ Cooperative has distributed "
                    "180 tonnes of wheat seed to about 1,400 small farmers in the Ghab plain and "
                    "villages west of Hama, the cooperative said this week.</p>"
                    "<p>The seed comes from the Ghab Community Seed Bank, which the cooperative "
                    "set up to multiply local wheat varieties that farmers in the area have grown "
                    "for generations. These varieties need less water than many imported seeds, "
                    "an advantage in a region where several seasons of low rainfall have reduced "
                    "harvests.</p>"
                    "<p>“Farmers told us the same thing every year: seed is too expensive, and the "
                    "seed they can buy does not always suit our soil,” said Yusuf Barakat, head of "
                    "the cooperative. “Now we multiply it here, test it here and give it back to "
                    "them at cost.”</p>"
                    "<p>Each farmer receives enough seed for up to two hectares and repays the "
                    "cooperative with the same quantity of grain after the harvest, Barakat said. "
                    "The returned grain is cleaned, tested and stored for the following "
                    "season.</p>"
                    "<p>The cooperative said fuel for irrigation pumps remained its members’ "
                    "largest cost, and that it was discussing a shared solar pumping scheme with "
                    "several villages. No timetable has been set.</p>"
                    "<p>Agricultural economist Rana Mardini, who advises the cooperative, said "
                    "locally multiplied seed could cut a smallholder’s planting costs by about a "
                    "fifth. “It does not solve the water question, but it keeps more of the "
                    "harvest’s value in the village,” she said.</p>"
                ),
            },
            "ar": {
                "headline": "مزارعون في حماة يتسلمون بذور قمح محلية مع توسع بنك البذور التعاوني",
                "slug": "مزارعون-في-حماة-يتسلمون-بذور-قمح-محلية",
                "dek": "أعلنت جمعية العاصي الفلاحية أنها وزعت 180 طناً من بذور القمح المقاومة "
                "للجفاف على نحو 1400 من صغار المزارعين في سهل الغاب والقرى المحيطة به.",
                "dateline": "حماة، سوريا",
                "agency": AGENCY["ar"],
                "body": (
                    "<p><strong>حماة</strong> — وزّعت جمعية العاصي الفلاحية 180 طناً من بذور "
                    "القمح على نحو 1400 من صغار المزارعين في سهل الغاب والقرى الواقعة غرب حماة، "
                    "بحسب ما أعلنت الجمعية هذا الأسبوع.</p>"
                    "<p>وتأتي البذور من بنك بذور الغاب المجتمعي، الذي أسسته الجمعية لإكثار "
                    "أصناف القمح المحلية التي يزرعها المزارعون في المنطقة منذ أجيال. وتحتاج هذه "
                    "الأصناف إلى مياه أقل مما يحتاجه كثير من البذور المستوردة، وهي ميزة مهمة في "
                    "منطقة تراجعت فيها المحاصيل بعد عدة مواسم من شحّ الأمطار.</p>"
                    "<p>وقال يوسف بركات، رئيس الجمعية: «كان المزارعون يقولون لنا الشيء نفسه كل "
                    "عام: البذور غالية، والبذور التي يستطيعون شراءها لا تناسب تربتنا دائماً. أما "
                    "الآن فنحن نُكثّرها هنا، ونختبرها هنا، ونعيدها إليهم بسعر التكلفة».</p>"
                    "<p>وأوضح بركات أن كل مزارع يحصل على بذور تكفي لزراعة ما يصل إلى هكتارين، "
                    "على أن يعيد إلى الجمعية الكمية نفسها من الحبوب بعد الحصاد، لتُنظَّف "
                    "وتُختبر وتُخزَّن للموسم التالي.</p>"
                    "<p>وأشارت الجمعية إلى أن وقود مضخات الري لا يزال أكبر عبء على أعضائها، "
                    "وإلى أنها تناقش مع عدد من القرى مشروعاً مشتركاً للضخ بالطاقة الشمسية، من "
                    "دون أن يُحدَّد جدول زمني لذلك.</p>"
                    "<p>من جهتها، قالت الخبيرة في الاقتصاد الزراعي رنا مارديني، التي تقدّم "
                    "المشورة للجمعية، إن البذور المُكثَّرة محلياً قد تخفض تكاليف الزراعة على "
                    "صغار المزارعين بنحو الخُمس. وأضافت: «هذا لا يحل مشكلة المياه، لكنه يُبقي "
                    "جزءاً أكبر من قيمة المحصول في القرية».</p>"
                ),
            },
        },
    },
    # 5. Feature written first in Arabic, translated into English.
    {
        "kind": "feature",
        "days_ago": 34,
        "hour_offset": 6,
        "status": "published",
        "source": "ar",
        "byline": "editor",
        "tags": ["Latakia", "Civil defense", "Wildfires"],
        "organizations": [],
        "interviewees": [
            [
                "khaled-nasrallah",
                {
                    "en": "civil defense volunteer coordinator, northern Latakia countryside",
                    "ar": "منسق متطوعي الدفاع المدني في ريف اللاذقية الشمالي",
                    "organization": None,
                },
            ],
        ],
        "versions": {
            "ar": {
                "headline": "متطوعون في ريف اللاذقية يتدربون على مواجهة حرائق الغابات",
                "slug": "متطوعون-في-ريف-اللاذقية-يتدربون-على-مواجهة-الحرائق",
                "dek": "في ريف اللاذقية الشمالي، يخضع عشرات المتطوعين لتدريب يستمر ستة أسابيع "
                "ليتمكنوا من التصدي للحرائق في قراهم قبل وصول سيارات الإطفاء.",
                "dateline": "اللاذقية، سوريا",
                "agency": AGENCY["ar"],
                "body": (
                    "<p><strong>اللاذقية</strong> — على سفح تلة تكسوها أشجار الصنوبر في ريف "
                    "اللاذقية الشمالي، يركض عشرون متطوعاً يحملون خراطيم المياه وأدوات الحفر نحو "
                    "دخان أبيض يتصاعد من كومة أغصان جافة. الحريق هنا مجرد تمرين، لكن معظم هؤلاء "
                    "الشبان والشابات شاهدوا في السنوات الماضية حرائق حقيقية تلتهم بساتين "
                    "قراهم.</p>"
                    "<p>ويقول خالد نصر الله، منسق متطوعي الدفاع المدني في المنطقة، إن التدريب "
                    "الذي يستمر ستة أسابيع يهدف إلى تشكيل فرق استجابة أولى في أربع عشرة قرية، "
                    "بحيث تستطيع كل فرقة التحرك خلال دقائق من رصد الدخان، قبل أن تصل سيارات "
                    "الإطفاء من المدينة.</p>"
                    "<p>«الطرق الجبلية ضيقة، وقد تحتاج سيارة الإطفاء إلى ساعة كاملة للوصول إلى "
                    "بعض القرى»، يقول نصر الله. «في تلك الساعة قد تحترق عشرات الدونمات، أما "
                    "المتطوع الذي يسكن في القرية فيصل خلال عشر دقائق».</p>"
                    "<h2>من الإسعافات الأولية إلى خطوط العزل</h2>"
                    "<p>ويتعلم المتطوعون فتح خطوط عزل بإزالة الأعشاب والأغصان لمنع امتداد "
                    "النار، واستخدام مضخات المياه المحمولة، إلى جانب مبادئ الإسعافات الأولية "
                    "ومعالجة الحروق والاختناق بالدخان. كما يتدربون على إخلاء كبار السن والأطفال "
                    "من المنازل القريبة من الغابات.</p>"
                    "<p>وتقول ريم، وهي طالبة جامعية في الثانية والعشرين من عمرها انضمت إلى "
                    "الفريق هذا العام، إن عائلتها خسرت نصف بستان الزيتون في حريق سابق. «لم نكن "
                    "نعرف ماذا نفعل. كنا نرمي التراب بأيدينا. أريد أن أكون مستعدة في المرة "
                    "القادمة».</p>"
                    "<h2>معدات محدودة</h2>"
                    "<p>ويعتمد المتطوعون على معدات محدودة، إذ لا تملك كل قرية سوى مضخة واحدة "
                    "وعدد قليل من الخوذ والقفازات المقاومة للحرارة. ويقول نصر الله إن الفرق "
                    "تسعى إلى تركيب خزان مياه ثابت في كل قرية، وإلى تعليم السكان كيفية الإبلاغ "
                    "السريع عن أي دخان يشاهدونه.</p>"
                ),
            },
            "en": {
                "headline": "Volunteers in rural Latakia train to tackle forest fires",
                "slug": "latakia-volunteers-train-for-forest-fires",
                "dek": "In the northern Latakia countryside, dozens of volunteers are taking a "
                "six-week course so they can respond to fires in their own villages before fire "
                "engines arrive.",
                "dateline": "Latakia, Syria",
                "agency": AGENCY["en"],
                "body": (
                    "<p><strong>Latakia</strong> — On a pine-covered hillside in the northern "
                    "Latakia countryside, twenty volunteers carrying hoses and digging tools run "
                    "towards white smoke rising from a pile of dry branches. This fire is only an "
                    "exercise, but most of these young men and women have watched real fires "
                    "consume their villages’ orchards in recent years.</p>"
                    "<p>Khaled Nasrallah, who coordinates civil defense volunteers in the area, "
                    "says the six-week course aims to set up first-response teams in fourteen "
                    "villages, so that each team can move within minutes of smoke being spotted, "
                    "before fire engines arrive from the city.</p>"
                    "<p>“The mountain roads are narrow, and a fire engine can need a full hour to "
                    "reach some villages,” Nasrallah says. “In that hour dozens of dunams can "
                    "burn, but a volunteer who lives in the village gets there in ten "
                    "minutes.”</p>"
                    "<h2>From first aid to firebreaks</h2>"
                    "<p>The volunteers learn to cut firebreaks, clearing grass and branches to "
                    "stop the flames from spreading, and to use portable water pumps, along with "
                    "basic first aid and the treatment of burns and smoke inhalation. They also "
                    "practise evacuating elderly people and children from homes close to the "
                    "forest.</p>"
                    "<p>Reem, a 22-year-old university student who joined the team this year, "
                    "says her family lost half of its olive grove in an earlier fire. “We didn’t "
                    "know what to do. We were throwing soil with our bare hands. I want to be "
                    "ready next time.”</p>"
                    "<h2>Limited equipment</h2>"
                    "<p>The volunteers rely on limited equipment: each village has only one pump "
                    "and a handful of helmets and heat-resistant gloves. Nasrallah says the teams "
                    "hope to install a fixed water tank in every village and to teach residents "
                    "how to report quickly any smoke they see.</p>"
                ),
            },
        },
    },
    # 6. Analysis in English and Arabic.
    {
        "kind": "analysis",
        "days_ago": 45,
        "hour_offset": 2,
        "status": "published",
        "source": "en",
        "byline": "reporter",
        "tags": ["Raqqa", "Economy", "Food prices", "Agriculture"],
        "organizations": [],
        "interviewees": [
            [
                "rana-mardini",
                {"en": "economist", "ar": "خبيرة اقتصادية", "organization": None},
            ],
        ],
        "versions": {
            "en": {
                "headline": "Analysis: Why bread costs more in Raqqa despite a better harvest",
                "slug": "analysis-raqqa-bread-prices-better-harvest",
                "dek": "Wheat farmers around Raqqa brought in more grain this year, yet bakery "
                "prices have kept rising. Fuel, milling capacity and the exchange rate explain "
                "much of the gap.",
                "dateline": "Raqqa, Syria",
                "agency": AGENCY["en"],
                "body": (
                    "<p><strong>Raqqa</strong> — Farmers around Raqqa harvested more wheat this "
                    "season than last, according to estimates from local agricultural committees. "
                    "Yet a bundle of bread from a private bakery in the city’s markets now costs "
                    "about 15 percent more than it did six months ago. The gap between a better "
                    "harvest and a dearer loaf says a great deal about how the local economy "
                    "works.</p>"
                    "<h2>Fuel sets the price</h2>"
                    "<p>Wheat is only one part of what a loaf costs. Diesel runs the tractors, the "
                    "irrigation pumps, the trucks that carry the grain and the bakeries’ ovens. "
                    "“When diesel prices move, every link in the chain moves with them,” said "
                    "Rana Mardini, an economist who studies food prices in northern and eastern "
                    "Syria. “A good harvest can soften that rise, but it cannot cancel it.”</p>"
                    "<h2>Too few mills</h2>"
                    "<p>Milling is a second bottleneck. Several of the region’s flour mills were "
                    "damaged or worn out during the years of conflict, and those that work often "
                    "run below capacity because of power cuts. Grain that cannot be milled locally "
                    "is sometimes trucked long distances and brought back as flour, adding cost at "
                    "every stage.</p>"
                    "<blockquote>“A good harvest can soften that rise, but it cannot cancel it.”"
                    "</blockquote>"
                    "<h2>Wages that do not keep up</h2>"
                    "<p>Finally, most families earn fixed incomes in local currency, while many of "
                    "the costs above are tied, directly or not, to the dollar. Mardini estimates "
                    "that a household of six now spends close to a third of its income on bread "
                    "alone. “The question is not only how much wheat we grow,” she said, “but how "
                    "much of its value reaches the families who buy bread.”</p>"
                    "<p>In the short term, she argued, repairing mills and bringing more stable "
                    "electricity to bakeries would do more to ease prices than any single harvest. "
                    "Local authorities have announced plans to rehabilitate two mills but have not "
                    "given a completion date.</p>"
                ),
            },
            "ar": {
                "headline": "تحليل: لماذا يرتفع سعر الخبز في الرقة رغم تحسّن الحصاد؟",
                "slug": "تحليل-لماذا-يرتفع-سعر-الخبز-في-الرقة",
                "dek": "جنى مزارعو القمح في محيط الرقة كميات أكبر من الحبوب هذا العام، لكن أسعار "
                "الأفران واصلت الارتفاع. ويفسّر الوقود وطاقة المطاحن وسعر الصرف جزءاً كبيراً من "
                "هذه الفجوة.",
                "dateline": "الرقة، سوريا",
                "agency": AGENCY["ar"],
                "body": (
                    "<p><strong>الرقة</strong> — حصد المزارعون في محيط الرقة هذا الموسم كميات "
                    "من القمح تفوق ما حصدوه في الموسم الماضي، وفق تقديرات اللجان الزراعية "
                    "المحلية. ومع ذلك باتت ربطة الخبز في الأفران الخاصة بأسواق المدينة أغلى "
                    "بنحو 15 في المئة مما كانت عليه قبل ستة أشهر. وتكشف الفجوة بين حصاد أفضل "
                    "ورغيف أغلى الكثير عن طريقة عمل الاقتصاد المحلي.</p>"
                    "<h2>الوقود يحدد السعر</h2>"
                    "<p>ليس القمح سوى جزء من كلفة الرغيف، فالديزل يشغّل الجرارات ومضخات الري "
                    "والشاحنات التي تنقل الحبوب وأفران المخابز. وتقول رنا مارديني، الخبيرة "
                    "الاقتصادية التي تدرس أسعار الغذاء في شمال سوريا وشرقها: «حين تتحرك أسعار "
                    "الديزل، تتحرك معها كل حلقة في السلسلة. يمكن للحصاد الجيد أن يخفف من هذا "
                    "الارتفاع، لكنه لا يستطيع إلغاءه».</p>"
                    "<h2>مطاحن قليلة</h2>"
                    "<p>وتشكّل المطاحن عنق زجاجة ثانياً، فقد تضرر عدد من مطاحن الدقيق في "
                    "المنطقة أو تهالك خلال سنوات النزاع، وكثيراً ما تعمل المطاحن العاملة بأقل "
                    "من طاقتها بسبب انقطاع الكهرباء. أما الحبوب التي يتعذر طحنها محلياً فتُنقل "
                    "أحياناً مسافات طويلة ثم تعود دقيقاً، فتُضاف كلفة جديدة في كل مرحلة.</p>"
                    "<blockquote>«يمكن للحصاد الجيد أن يخفف من هذا الارتفاع، لكنه لا يستطيع "
                    "إلغاءه».</blockquote>"
                    "<h2>أجور لا تواكب الأسعار</h2>"
                    "<p>وأخيراً، فإن دخل معظم العائلات ثابت بالعملة المحلية، في حين ترتبط كثير "
                    "من التكاليف السابقة بالدولار بشكل مباشر أو غير مباشر. وتقدّر مارديني أن "
                    "أسرة من ستة أفراد باتت تنفق ما يقارب ثلث دخلها على الخبز وحده. وتقول: "
                    "«السؤال ليس فقط كم نزرع من القمح، بل كم يصل من قيمته إلى العائلات التي "
                    "تشتري الخبز».</p>"
                    "<p>وترى مارديني أن إصلاح المطاحن وتوفير كهرباء أكثر استقراراً للمخابز "
                    "سيكون أكثر أثراً في تخفيف الأسعار على المدى القريب من أي حصاد بمفرده. "
                    "وكانت السلطات المحلية قد أعلنت خططاً لإعادة تأهيل مطحنتين، لكنها لم تحدد "
                    "موعداً لإنجازهما.</p>"
                ),
            },
        },
    },
    # 7. News in English only, with an outside contributor: submitted, waiting for an editor.
    {
        "kind": "news",
        "days_ago": 55,
        "hour_offset": 5,
        "status": "in_review",
        "source": "en",
        "byline": "reporter",
        "contributors": ["Ahmad Yousef"],
        "tags": ["Raqqa", "Health", "Reconstruction"],
        "organizations": [],
        "interviewees": [],
        "versions": {
            "en": {
                "headline": "Rebuilt clinic reopens in Raqqa with a maternity ward",
                "slug": "raqqa-clinic-reopens-maternity-ward",
                "dek": "A primary health centre in eastern Raqqa has reopened after a year of "
                "reconstruction, adding six maternity beds and a vaccination room.",
                "dateline": "Raqqa, Syria",
                "agency": AGENCY["en"],
                "body": (
                    "<p><strong>Raqqa</strong> — A primary health centre in eastern Raqqa reopened "
                    "this week after a year of reconstruction, giving about 30,000 residents a "
                    "clinic within walking distance for the first time in several years, local "
                    "health officials said.</p>"
                    "<p>The two-storey building, which stood roofless after it was damaged during "
                    "the fighting in the city, now has four consultation rooms, a vaccination "
                    "room, a small laboratory and a maternity ward with six beds.</p>"
                    "<p>“Until now, a woman in labour from this neighbourhood had to find a car "
                    "and cross the city, often at night,” said the centre’s director, Dr. Hiba "
                    "Saeed. “Most births are straightforward, and they can now happen here, with "
                    "a midwife on duty and a doctor on call.”</p>"
                    "<p>The centre will open six days a week, with a night shift for the "
                    "maternity ward. Consultations are free; patients pay a small fee for some "
                    "laboratory tests.</p>"
                    "<p>Staff said the main challenges would be keeping the pharmacy stocked and "
                    "the generator running during long power cuts. Solar panels on the roof are "
                    "expected to power the vaccine refrigerators, which must stay cold around the "
                    "clock.</p>"
                ),
            },
        },
    },
    # 8. Opinion in English only, still a draft (not public).
    {
        "kind": "opinion",
        "days_ago": 0,
        "status": "draft",
        "source": "en",
        "byline": "editor",
        "tags": ["Water", "Aleppo", "Reconstruction"],
        "organizations": ["aleppo-water-board"],
        "interviewees": [],
        "versions": {
            "en": {
                "headline": "Opinion: Open the water data, and let residents help fix the pipes",
                "slug": "opinion-open-the-water-data",
                "dek": "Cities rebuilding their water networks have more to gain than to lose by "
                "publishing where water is lost and when it will flow.",
                "dateline": "Aleppo, Syria",
                "agency": AGENCY["en"],
                "body": (
                    "<p>Ask anyone in Aleppo’s eastern neighbourhoods about water and the "
                    "conversation soon turns to the schedule: which days the taps run, for how "
                    "long, and why the next street seems to get more. Most of the time, nobody "
                    "outside the water utility can answer.</p>"
                    "<p>That is a missed opportunity. Engineers already measure how much water "
                    "enters each part of the network and how much is billed. Publishing those "
                    "figures zone by zone would show residents where losses are worst, and why "
                    "repairs happen in one district before another.</p>"
                    "<p>Openness would also make repairs faster. As the Aleppo Water Board’s own "
                    "engineers have told this agency, many leaks are first reported by residents. "
                    "A public map of known faults and a simple way to report new ones would turn "
                    "thousands of people into an early-warning system.</p>"
                    "<p>There are reasonable concerns. Network maps can be sensitive, and raw "
                    "figures can be misread. But a weekly summary — supply days per zone, "
                    "estimated losses, repairs completed — carries little risk and would build "
                    "the kind of trust no press release can.</p>"
                    "<p><em>Water is the one public service every household checks every day. Its "
                    "numbers should be public too.</em></p>"
                ),
            },
        },
    },
    # 9. Feature in English only, with an outside contributor.
    {
        "kind": "feature",
        "days_ago": 60,
        "hour_offset": 3,
        "status": "published",
        "source": "en",
        "byline": "reporter",
        "contributors": ["Mariam Hijazi"],
        "tags": ["Hama", "Displacement", "Reconstruction", "Agriculture"],
        "organizations": [],
        "interviewees": [],
        "versions": {
            "en": {
                "headline": "Back to the olive groves: families rebuild homes in the Hama countryside",
                "slug": "families-rebuild-homes-hama-countryside",
                "dek": "After years in camps and rented rooms, families are returning to villages "
                "north of Hama, repairing houses one room at a time and reviving neglected "
                "orchards.",
                "dateline": "Hama, Syria",
                "agency": AGENCY["en"],
                "body": (
                    "<p><strong>Hama</strong> — The first thing Umm Ahmad did when she came back "
                    "to her village north of Hama was sweep the courtyard. The second was to count "
                    "the olive trees. Of the 60 her husband’s family had planted, 41 were still "
                    "standing.</p>"
                    "<p>She is one of several hundred people who have returned to the village over "
                    "the past year, after living in camps further north and in rented rooms in "
                    "Hama city. Most houses here lost their roofs, windows or doors; few have been "
                    "fully repaired.</p>"
                    "<h2>One room at a time</h2>"
                    "<p>Families usually start by repairing a single room so they can sleep in the "
                    "village, then add rooms as money allows. A local builder said the price of "
                    "cement and steel meant a family could need several months to save for a basic "
                    "repair of one room. Some households pool their savings and work on each "
                    "other’s houses in turn.</p>"
                    "<p>Water is another obstacle. The village well needs a new pump, and for now "
                    "families buy water from tankers that come twice a week.</p>"
                    "<h2>Orchards left untended</h2>"
                    "<p>The orchards that once sustained the village went years without pruning or "
                    "ploughing. Many trees dried out; others were cut for firewood. Returning "
                    "farmers say it will take at least two seasons before the olives give a "
                    "worthwhile harvest again.</p>"
                    "<p>“We did not come back because it is easy,” Umm Ahmad said, standing among "
                    "her trees. “We came back because this is where our names are written.”</p>"
                ),
            },
        },
    },
]

# --- The register in the other editions' languages -----------------------------------------------
# Every tag, person, organization and role above, in Arabic and Kurmanji, so that /ar/ and /ku/ are
# real editions. Keyed by the English name (tags, roles) or the slug (people, organizations).

TAG_TRANSLATIONS = {
    "Aleppo": {"ar": "حلب", "ku": "Heleb"},
    "Idlib": {"ar": "إدلب", "ku": "Îdlib"},
    "Hama": {"ar": "حماة", "ku": "Hema"},
    "Latakia": {"ar": "اللاذقية", "ku": "Lazkiye"},
    "Raqqa": {"ar": "الرقة", "ku": "Reqa"},
    "Qamishli": {"ar": "القامشلي", "ku": "Qamişlo"},
    "Water": {"ar": "المياه", "ku": "Av"},
    "Education": {"ar": "التعليم", "ku": "Perwerde"},
    "Agriculture": {"ar": "الزراعة", "ku": "Çandinî"},
    "Civil defense": {"ar": "الدفاع المدني", "ku": "Parastina sivîl"},
    "Health": {"ar": "الصحة", "ku": "Tenduristî"},
    "Reconstruction": {"ar": "إعادة الإعمار", "ku": "Ji nû ve avakirin"},
    "Displacement": {"ar": "النزوح", "ku": "Koçberî"},
    "Culture": {"ar": "الثقافة", "ku": "Çand"},
    "Economy": {"ar": "الاقتصاد", "ku": "Aborî"},
    "Music": {"ar": "الموسيقى", "ku": "Muzîk"},
    "Wildfires": {"ar": "حرائق الغابات", "ku": "Şewatên daristanan"},
    "Food prices": {"ar": "أسعار الغذاء", "ku": "Bihayê xwarinê"},
}

PERSON_TRANSLATIONS = {
    "lina-haddad": {
        "name": {"ar": "لينا الحداد", "ku": "Lîna Heddad"},
        "bio": {
            "ar": "مهندسة مياه ترأس قسم إعادة تأهيل الشبكات في مجلس مياه حلب، وتقود منذ عام 2019 "
            "تركيب العدادات حيًّا حيًّا في الأحياء الشرقية من المدينة.",
            "ku": "Endezyara avê ye û li Desteya Avê ya Helebê beşa nûkirina torê bi rê ve dibe. Ji sala "
            "2019an ve pîvandina avê li taxên rojhilatê bajêr tax bi tax bi rê ve dibe.",
        },
    },
    "samira-qassab": {
        "name": {"ar": "سميرة القصاب", "ku": "Samîra Qesab"},
        "bio": {
            "ar": "مديرة ثانوية الياسمين للبنات في إدلب، ومدرّسة رياضيات منذ أكثر من عشرين عامًا.",
            "ku": "Rêvebera Lîseya Keçan a Yasemînê li Îdlibê ye û zêdetirî bîst salan e mamosteya "
            "matematîkê ye.",
        },
    },
    "yusuf-barakat": {
        "name": {"ar": "يوسف بركات", "ku": "Yûsif Berekat"},
        "bio": {
            "ar": "مزارع قمح وزيتون من سهل الغاب، يرأس جمعية العاصي الفلاحية منذ تأسيسها.",
            "ku": "Cotkarê genim û zeytûnan e ji deşta Xabê, û ji damezrandina wê ve serokê Kooperatîfa "
            "Cotkaran a Asî ye.",
        },
    },
    "dilovan-sheikho": {
        "name": {"ar": "ديلوفان شيخو", "ku": "Dilovan Şêxo"},
        "bio": {
            "ar": "عازف طنبور ومدرّس موسيقى من القامشلي، أسّس بيت موسيقى الجزيرة وأرشيفه لتسجيلات "
            "مغنّي الدنغبيج.",
            "ku": "Tembûrvan û mamosteyê muzîkê ye ji Qamişloyê, damezrînerê Mala Muzîkê ya Cizîrê û "
            "arşîva wê ya tomarên dengbêjan.",
        },
    },
    "khaled-nasrallah": {
        "name": {"ar": "خالد نصر الله", "ku": "Xalid Nesrullah"},
        "bio": {
            "ar": "منسّق متطوعي الدفاع المدني في ريف اللاذقية الشمالي، يدرّب فرق الاستجابة الأولى في "
            "القرى على مواجهة الحرائق والفيضانات.",
            "ku": "Hevrêzkarê dilxwazên parastina sivîl e li gundewarê bakurê Lazkiyê, û tîmên gundan ên "
            "bersiva pêşîn ji bo şewat û lehiyan perwerde dike.",
        },
    },
    "rana-mardini": {
        "name": {"ar": "رنا مارديني", "ku": "Rana Mardînî"},
        "bio": {
            "ar": "باحثة اقتصادية تدرس أسعار الغذاء وسبل العيش في أرياف شمال سوريا وشرقها، ومستشارة "
            "لجمعية العاصي الفلاحية.",
            "ku": "Aborînas e; li ser bihayê xwarinê û debara gundewaran li bakur û rojhilatê Sûriyeyê "
            "lêkolînan dike, û şêwirmenda Kooperatîfa Cotkaran a Asî ye.",
        },
    },
}

ORGANIZATION_TRANSLATIONS = {
    "aleppo-water-board": {
        "name": {"ar": "مجلس مياه حلب", "ku": "Desteya Avê ya Helebê"},
        "description": {
            "ar": "مرفق عام يدير محطات الضخ وشبكة التوزيع التي تزوّد حلب والبلدات المجاورة بمياه الشرب.",
            "ku": "Saziyeke giştî ye ku stasyonên pompeyan û tora belavkirinê bi rê ve dibe, ya ku ava "
            "vexwarinê digihîne Helebê û bajarokên derdorê.",
        },
    },
    "orontes-farmers-cooperative": {
        "name": {"ar": "جمعية العاصي الفلاحية", "ku": "Kooperatîfa Cotkaran a Asî"},
        "description": {
            "ar": "تعاونية تضم نحو ثلاثة آلاف من صغار المزارعين في سهل الغاب وريف حماة الغربي، تشتري "
            "مستلزمات الإنتاج وتبيع الحبوب وزيت الزيتون بشكل جماعي.",
            "ku": "Kooperatîfeke nêzî 3.000 cotkarên biçûk e li deşta Xabê û gundewarê rojavayê Hemayê; "
            "bi hev re pêdiviyên çandiniyê dikirin û dexl û rûnê zeytûnê difroşin.",
        },
    },
    "ghab-seed-bank": {
        "name": {"ar": "بنك بذور الغاب المجتمعي", "ku": "Banka Tovan a Civakî ya Xabê"},
        "description": {
            "ar": "بنك بذور تابع لجمعية العاصي الفلاحية، يُكثّر أصناف القمح والشعير المحلية ويختبرها "
            "ويعيرها للمزارعين الأعضاء.",
            "ku": "Banka tovan a Kooperatîfa Cotkaran a Asî ye; cureyên herêmî yên genim û ceh zêde dike, "
            "diceribîne û bi deyn dide cotkarên endam.",
        },
    },
    "jazira-music-house": {
        "name": {"ar": "بيت موسيقى الجزيرة", "ku": "Mala Muzîkê ya Cizîrê"},
        "description": {
            "ar": "مدرسة موسيقى أهلية في القامشلي تقدّم للأطفال دروسًا مجانية في الطنبور والغناء، "
            "وتسجّل أغاني كبار مغنّي الدنغبيج.",
            "ku": "Dibistaneke muzîkê ya civakî ye li Qamişloyê; dersên belaş ên tembûr û stranbêjiyê "
            "dide zarokan û stranên dengbêjên kal tomar dike.",
        },
    },
}

ROLE_TRANSLATIONS = {
    "Head of network rehabilitation": {"ar": "رئيسة قسم إعادة تأهيل الشبكات", "ku": "Rêvebera nûkirina torê"},
    "Head": {"ar": "رئيس الجمعية", "ku": "Serok"},
    "Board member": {"ar": "عضو مجلس الإدارة", "ku": "Endamê lijneya rêveber"},
    "Economic adviser": {"ar": "مستشارة اقتصادية", "ku": "Şêwirmenda aborî"},
    "Founder and director": {"ar": "المؤسس والمدير", "ku": "Damezrîner û rêvebir"},
}
