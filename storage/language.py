# ruff: noqa: E501  (word lists in five languages read better unbroken)
"""The one home of language in cbm-bot: how text becomes words and index terms, and the five-language
vocabulary (en, de, fr, it, ru) that the full-text index (storage/search.py) and the answers
(bot/services/answers.py, whose sentences are in bot/services/answer_text.py) both read.

- :func:`tokens`, :func:`stem`, :func:`terms`: folded words (case and accents, storage.text.fold), a light
  language-neutral stem (Russian case endings, plural s, final vowels, six letters), ordinals ("third",
  "dritte", "troisième", "terzo", "третья", "3rd", "11-ю") as ``ordN``.
- ORDINALS, CARDINALS: number words in the five languages.
- KIND_WORDS, ONLINE_WORDS: how people name the kinds of events and online events.
- STOP_WORDS, DOMAIN_WORDS and the cue words (STATUS, CONTACT, EVENT, NEXT, LAST, MEASURE, ...) that say
  what a question is after; LANGUAGE_MARKERS and LANGUAGE_ENDINGS for guessing a question's language.

Storage imports nothing of ours, so this module lives in storage/ and the bot reads it from here.
"""

from __future__ import annotations

import functools
import re

from storage.text import fold

WORD = re.compile(r"[^\W_]+")
_VOWELS = set("aeiouyаеиоуыэюяь")
# Russian case endings, as folded (й -> и); the longest first.
_RU_ENDINGS = (
    "ями",
    "ами",
    "ого",
    "его",
    "ому",
    "ему",
    "ыми",
    "ими",
    "ах",
    "ях",
    "ов",
    "ев",
    "ом",
    "ем",
    "ои",
    "еи",
    "ыи",
    "ии",
    "ых",
    "их",
    "ым",
    "им",
    "ую",
    "юю",
    "ая",
    "яя",
    "ое",
    "ее",
    "ые",
    "ие",
)
STEM_LENGTH = 6

# Ordinal words (folded) in the five languages -> their number; numerals like 3rd, 3e, 3º are read too.
_ORDINAL_STEMS: dict[str, tuple[str, ...]] = {
    "en": (
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ),
    "de": (
        "erst",
        "zweit",
        "dritt",
        "viert",
        "funft",
        "sechst",
        "siebt",
        "acht",
        "neunt",
        "zehnt",
        "elft",
        "zwolft",
        "dreizehnt",
        "vierzehnt",
        "funfzehnt",
        "sechzehnt",
        "siebzehnt",
        "achtzehnt",
        "neunzehnt",
        "zwanzigst",
    ),
    "fr": (
        "premier",
        "deuxiem",
        "troisiem",
        "quatriem",
        "cinquiem",
        "sixiem",
        "septiem",
        "huitiem",
        "neuviem",
        "dixiem",
        "onziem",
        "douziem",
        "treiziem",
        "quatorziem",
        "quinziem",
        "seiziem",
        "dix septiem",
        "dix huitiem",
        "dix neuviem",
        "vingtiem",
    ),
    "it": (
        "prim",
        "second",
        "terz",
        "quart",
        "quint",
        "sest",
        "settim",
        "ottav",
        "non",
        "decim",
        "undicesim",
        "dodicesim",
        "tredicesim",
        "quattordicesim",
        "quindicesim",
        "sedicesim",
        "diciassettesim",
        "diciottesim",
        "diciannovesim",
        "ventesim",
    ),
    "ru": (
        "перв",
        "втор",
        "трет",
        "четверт",
        "пят",
        "шест",
        "седьм",
        "восьм",
        "девят",
        "десят",
        "одиннадцат",
        "двенадцат",
        "тринадцат",
        "четырнадцат",
        "пятнадцат",
        "шестнадцат",
        "семнадцат",
        "восемнадцат",
        "девятнадцат",
        "двадцат",
    ),
}
_ORDINAL_ENDINGS = {
    "en": ("",),
    "de": ("", "e", "er", "en", "es", "em"),
    "fr": ("e", "es", "ere", "eres", "s"),
    "it": ("o", "a", "i", "e"),
    "ru": (
        "ая",
        "ои",
        "ую",
        "ые",
        "ыи",
        "ое",
        "ого",
        "ом",
        "ои",
        "ии",
        "ья",
        "ьи",
        "ье",
        "его",
        "ьего",
        "ему",
    ),
}
_CARDINALS: dict[str, tuple[str, ...]] = {
    "en": (
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ),
    "de": (
        "eins",
        "zwei",
        "drei",
        "vier",
        "funf",
        "sechs",
        "sieben",
        "acht",
        "neun",
        "zehn",
        "elf",
        "zwolf",
        "dreizehn",
        "vierzehn",
        "funfzehn",
        "sechzehn",
        "siebzehn",
        "achtzehn",
        "neunzehn",
        "zwanzig",
    ),
    "fr": (
        "un",
        "deux",
        "trois",
        "quatre",
        "cinq",
        "six",
        "sept",
        "huit",
        "neuf",
        "dix",
        "onze",
        "douze",
        "treize",
        "quatorze",
        "quinze",
        "seize",
        "dix sept",
        "dix huit",
        "dix neuf",
        "vingt",
    ),
    "it": (
        "uno",
        "due",
        "tre",
        "quattro",
        "cinque",
        "sei",
        "sette",
        "otto",
        "nove",
        "dieci",
        "undici",
        "dodici",
        "tredici",
        "quattordici",
        "quindici",
        "sedici",
        "diciassette",
        "diciotto",
        "diciannove",
        "venti",
    ),
    "ru": (
        "один",
        "два",
        "три",
        "четыре",
        "пять",
        "шесть",
        "семь",
        "восемь",
        "девять",
        "десять",
        "одиннадцать",
        "двенадцать",
        "тринадцать",
        "четырнадцать",
        "пятнадцать",
        "шестнадцать",
        "семнадцать",
        "восемнадцать",
        "девятнадцать",
        "двадцать",
    ),
}


def _ordinal_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for lang, stems in _ORDINAL_STEMS.items():
        for number, stem in enumerate(stems, start=1):
            for ending in _ORDINAL_ENDINGS[lang]:
                words.setdefault(fold(stem + ending).replace(" ", ""), number)
    words["second"] = 2
    words["seconde"] = 2
    return words


ORDINALS = _ordinal_words()
CARDINALS = {
    fold(word).replace(" ", ""): number
    for words in _CARDINALS.values()
    for number, word in enumerate(words, start=1)
}
_NUMERAL_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th|e|er|eme|re|o|a|ую|ая|ои|ыи|ии|и|я|ю|ого)$")


_HYPHENED_ORDINAL = re.compile(r"\b(\d{1,2})[-‐–]([^\W\d_]{1,3})\b")
# The OSCE's own name in the five languages (folded): "takes part in the OSCE" asks for a status.
OSCE_NAMES = frozenset({"osce", "osze", "ocse", "обсе"})


def tokens(value: str) -> list[str]:
    """Folded words, with compound ordinals ("dix septieme") and hyphened ones ("11-ю", "3-e") joined."""
    words = WORD.findall(fold(_HYPHENED_ORDINAL.sub(r"\1\2", value)))
    out: list[str] = []
    for word in words:
        if out and out[-1] in {"dix", "vingt"} and word in ORDINALS | CARDINALS:
            joined = out[-1] + word
            if joined in ORDINALS or joined in CARDINALS:
                out[-1] = joined
                continue
        out.append(word)
    return out


def ordinal(word: str) -> int | None:
    """3 for "third", "3rd", "dritte", "troisième", "terzo", "третья"; None otherwise."""
    if word in ORDINALS:
        return ORDINALS[word]
    found = _NUMERAL_ORDINAL.match(word)
    return int(found.group(1)) if found else None


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem: ordinals become ``ordN``; a plural s and final vowels go; at most six letters."""
    number = ordinal(word)
    if number is not None:
        return f"ord{number}"
    if word.isdigit():
        return word
    if "а" <= word[-1] <= "я":
        for ending in _RU_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                word = word[: -len(ending)]
                break
    elif len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 5 and word.endswith("ed") and word.isascii():
        word = word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    while len(word) > 3 and word[-1] in _VOWELS:
        word = word[:-1]
    return word[:STEM_LENGTH]


def terms(value: str, stop: frozenset[str] = frozenset()) -> list[str]:
    """The index terms of a text, in order (stop words left out)."""
    if len(value) <= 64:  # names and kind words recur for every event indexed: read each once
        return list(_short_terms(value, stop))
    return [stem(w) for w in tokens(value) if w not in stop]


@functools.lru_cache(maxsize=16384)
def _short_terms(value: str, stop: frozenset[str]) -> tuple[str, ...]:
    return tuple(stem(w) for w in tokens(value) if w not in stop)


KIND_WORDS: dict[str, tuple[str, ...]] = {
    "conference": ("conference", "Konferenz", "Tagung", "conférence", "conferenza", "конференция"),
    "study_visit": (
        "study visit",
        "visit",
        "Studienreise",
        "Studienbesuch",
        "Besuch",
        "visite d'étude",
        "visite",
        "visita di studio",
        "visita",
        "ознакомительный визит",
        "визит",
        "поездка",
    ),
    "workshop": (
        "workshop",
        "seminar",
        "Seminar",
        "atelier",
        "séminaire",
        "seminario",
        "laboratorio",
        "семинар",
        "практикум",
    ),
    "meeting": (
        "meeting",
        "Treffen",
        "Sitzung",
        "Tagung",
        "réunion",
        "riunione",
        "incontro",
        "встреча",
        "совещание",
        "заседание",
    ),
    "training": (
        "training",
        "course",
        "Schulung",
        "Ausbildung",
        "formation",
        "formazione",
        "corso",
        "обучение",
        "тренинг",
        "курс",
    ),
    "other": (),
}
ONLINE_WORDS = (  # one list: the events' index and the answers' "online" cue both read it
    "online",
    "virtual",
    "virtuell",
    "en ligne",
    "virtuel",
    "virtuale",
    "in linea",
    "remote",
    "remotely",
    "à distance",
    "a distanza",
    "по видеосвязи",
    "онлайн",
    "виртуальный",
    "дистанционно",
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


LANGS = ("en", "de", "fr", "it", "ru")

# Words that carry no meaning for retrieval (folded forms).
STOP_WORDS = _words(
    """
    a an the is are was were be been being am of to in on at for and or but by with from as into
    about what whats which whose tell me us please can could would you your i my we our it its this
    that these those there here do does did has have had any some know give show explain describe
    info information ok hi hello hey thanks thank s t nach bei gab vom der die das den dem des ein eine einer eines
    einem einen ist sind war waren sein und oder von zu zur zum im in am an auf fur mit uber mir uns
    bitte gibt es was welche welcher welches welchen sag sage erklar erklare kannst konnen du ich
    wir mich hat haben auch noch le la les l un une des du de d est sont etait etaient et ou au aux
    pour avec sur par ce cet cette ces il elle ils elles y a qu que quoi quel quelle quels quelles
    me moi nous vous dis dites peux pouvez s c n en se sa son ses leur est-ce ce-que il lo la i gli
    le un una uno e ed di del della dello dei degli delle da dal dalla in nel nella per con su sul
    sulla al alla allo ai agli alle a mi ci che cosa cos quale quali puoi dimmi sono era erano ha
    hanno и в во на с со по к ко о об обо от для это этот эта эти что кто-то как ли не а же мне нам
    есть был была было были расскажи скажи пожалуйста такое такая какой какая какие каков у из за
    dell dall nell sull является являются являлся являлась будет ete ont avait wurde wurden worden wird werden
    stata fu fosse
    """
)
# Words that say nothing about which answer fits: the bot's whole domain.
DOMAIN_WORDS = frozenset(
    terms(
        "osce osze osce's обсе cyber ict ikt tic ікт икт кибер security sicherheit securite sicurezza безопасность "
        "cyberspace cyberraum cyberespace ciberspazio киберпространство"
    )
)


def cue(*phrases: str) -> frozenset[str]:
    found: set[str] = set()
    for phrase in phrases:
        found.update(terms(phrase, STOP_WORDS))
    return frozenset(found)


STATUS = cue(
    "participating state participating states member members membership partner partners status belong "
    "part of osce co-operation cooperation related relation relations relationship joined join since",
    "Teilnehmerstaat Teilnehmerstaaten Mitglied Mitgliedstaat Mitgliedsstaat Partner Kooperationspartner "
    "Status gehört gehören gehöre dazu Beziehung Beziehungen beigetreten seit",
    "État participant États participants membre membres partenaire partenaires statut fait partie relations adhéré depuis",
    "Stato partecipante Stati partecipanti membro membri partner status fa parte rapporti relazioni aderito dal",
    "государство-участник государства-участники участник участники член члены партнёр партнер статус входит отношения присоединилась",
)
CONTACT = cue(
    "point of contact points of contact contact contacts poc pocs who reach email phone person",
    "Ansprechpartner Kontaktstelle Kontaktstellen Kontakt Kontaktperson wer erreiche",
    "point de contact points de contact contact interlocuteur qui joindre",
    "punto di contatto punti di contatto contatto referente chi",
    "контактное лицо контактный пункт контакт контакты кто связаться",
)
CONTACT_TYPES = {
    "technical": cue("technical", "technisch technische", "technique", "tecnico tecnica", "технический"),
    "policy": cue(
        "policy political", "politisch politische", "politique", "politico politica", "политический политика"
    ),
}
EVENT = cue(
    "when where event events held take took taking part participate participated participants countries "
    "attended attend online virtual date dates happen happened place venue",
    "wann wo Veranstaltung Veranstaltungen stattgefunden statt teilgenommen Länder online virtuell Datum Ort",
    "quand où événement événements eu lieu participé participants pays en ligne virtuel date lieu",
    "quando dove evento eventi tenuto svolto partecipato partecipanti paesi online virtuale data luogo",
    "когда где мероприятие мероприятия событие проходил прошла прошло участвовал участвовали участники "
    "страны онлайн виртуально дата место",
    # who organised it, how many came
    "organised organized organiser organisers organizer hosted host attendance people came",
    "organisiert veranstaltet Veranstalter Gastgeber Teilnehmer Leute kamen",
    "organisé organisée organisateur organisateurs accueilli personnes venues",
    "organizzato organizzata organizzatore organizzatori ospitato persone",
    "организовал организовала организовали организатор организаторы провёл человек пришли",
)
PARTICIPANTS = cue(
    "took part participate participated participants countries attended who took part",
    "teilgenommen Länder nahmen teil",
    "participé participants pays",
    "partecipato partecipanti paesi",
    "участвовал участвовали участники страны",
)
NEXT = cue(
    "next upcoming coming future soon planned",
    "nächste nächsten kommende bevorstehende geplante",
    "prochain prochaine prochains à venir futur prévu",
    "prossimo prossima prossimi futuro previsto",
    "следующий следующая следующее ближайший ближайшая предстоящий",
)
LAST = cue(
    "last latest previous recent most recent",
    "letzte letzten vorige jüngste",
    "dernier dernière précédent récent",
    "ultimo ultima precedente recente",
    "последний последняя последнее прошлый предыдущий",
)
DECISION = cue(
    "when adopted agreed decided about mean means say says cover covers deal deals concern "
    "concerns regarding topic subject address addresses summary summarise summarize who leads runs how why",
    "wann angenommen bedeutet besagt behandelt handelt betrifft geht um thema inhalt wer führt leitet",
    "quand adoptée adopté décidé signifie dit concerne traite porte sur sujet thème résumé qui dirige comment pourquoi",
    "quando adottata adottato deciso significa dice riguarda tratta tema argomento sintesi chi guida "
    "presiede come perché",
    "когда принята принято означает говорит касается посвящена тема чем суть кто руководит возглавляет как зачем",
)
DESCRIBE = cue("how why about", "wie warum über", "comment pourquoi", "come perché", "как почему")
MEASURE = cue(
    "cbm cbms measure measures confidence-building",
    "vbm vbms Maßnahme Maßnahmen vertrauensbildende",
    "mesure mesures mdc confiance",
    "misura misure fiducia",
    "мера меры мере меру укрепления доверия",
)
WHO = cue("who", "wer", "qui", "chi", "кто")
ONLINE = cue("virtually", *ONLINE_WORDS)
NUMBER_WORDS = frozenset({"no", "nr", "n", "number", "nummer", "numero", "num", "номер", "№"})
# Status nouns whose stem is also an event word's ("Teilnehmerstaat" and "teilnehmen" are both "teilne",
# "État participant" and "participants" both "partic"): written whole, they ask for a status, and an event
# that lists the country's participation does not answer them. Folded words.
STATUS_NOUNS = frozenset(
    {"teilnehmerstaat", "teilnehmerstaaten", "teilnehmerstaates", "teilnehmerland", "teilnehmerlander"}
)
# ... and the second word of such a noun written in two ("État participant", "государство-участник").
STATUS_PAIRS = (
    frozenset({"etat", "etats", "stato", "stati", "государство", "государства", "государством", "state", "states"}),
    frozenset({"participant", "participants", "partecipante", "partecipanti", "участник", "участники",
               "участником", "participating"}),
)  # fmt: skip
# Words for a set of measures ("the second set of CBMs", "die erste Serie"): an ordinal before one counts the
# sets (the decisions), not the CBMs; they say nothing of the topic themselves ("series" and "serious" share a
# stem). Folded words.
SET_WORDS = frozenset(
    {"set", "sets", "package", "packages", "batch", "series", "paket", "pakete", "serie", "satz", "reihe",
     "ensemble", "pacchetto", "pacchetti", "insieme", "серия", "серии", "пакет", "пакета", "набор", "набора"}
)  # fmt: skip
LIST_WORDS = cue(
    "which list all",
    "welche alle liste",
    "quels quelles tous liste",
    "quali tutti elenco",
    "какие все список",
)
# Every cue word: a word of the question that is one of these says what is asked, never whom it is about.
CUE_WORDS = frozenset().union(
    STATUS,
    CONTACT,
    *CONTACT_TYPES.values(),
    EVENT,
    PARTICIPANTS,
    NEXT,
    LAST,
    DECISION,
    DESCRIBE,
    MEASURE,
    WHO,
    ONLINE,
    NUMBER_WORDS,
    LIST_WORDS,
)

# Markers for guessing the language of a question (folded words), and telling word endings.
LANGUAGE_MARKERS = {
    "en": _words(
        """
        the is are was were what who when where which how many does did of in an and to about tell there
        this that with for from next last took part countries
        """
    ),
    "de": _words(
        """
        der die das den dem des ist sind war waren wer wann wo welche welcher welches welchen wie viele
        gibt und ein eine einer nachste nachsten teil es worum geht sagt fur von zu zur zum im nach mit
        uber hat haben fand statt vbm massnahme massnahmen nahmen lander beschluss beschlusse gab bei
        """
    ),
    "fr": _words(
        """
        le les l est sont qui quand quel quelle quels quelles combien et une du des d que qu ce cette il
        elle pour aura lieu eu ont mesure mesures pays etat etats y quelle prevoit dit
        """
    ),
    "it": _words(
        """
        il lo gli e sono chi quando dove quale quali quanti quante della del dei delle dell di cosa cos
        che una uno per era sara hanno prevede parla si tenuta stato stata misura misure paesi punto
        contatto stati partecipanti ha
        """
    ),
}
LANGUAGE_ENDINGS = {
    "en": ("ing", "tion", "ty", "ies", "ed"),
    "de": ("ung", "keit", "heit", "lich", "sch", "chen", "ten"),
    "fr": ("tion", "eux", "ment", "aux", "eau", "que"),
    "it": ("zione", "ezza", "ita", "ato", "ata", "ano", "ono", "ale", "ali"),
}


# ------------------------------------------------------------------------------------------ country names
# A country's name as the subject of a sentence: with the article its language puts before it ("Die
# Schweiz", "Le Japon", "L'Allemagne", "Gli Stati Uniti", "The Netherlands"), and whether the verb is plural.

_NO_ARTICLE = {
    "fr": {"andorre", "chypre", "malte", "monaco", "saint-marin", "singapour", "israel", "brunei"},
    "it": {"andorra", "cipro", "malta", "monaco", "san marino", "singapore", "israele"},
}
_PLURAL = {
    "de": {"niederlande", "philippinen", "vereinigte staaten"},
    "fr": {"pays-bas", "etats-unis", "philippines"},
    "it": {"paesi bassi", "stati uniti", "filippine"},
}
_DE_ARTICLE = {  # German names that take an article; every other German country name takes none
    "schweiz": "die",
    "ukraine": "die",
    "niederlande": "die",
    "philippinen": "die",
    "vereinigte staaten": "die",
    "heiliger stuhl": "der",
    "vereinigtes konigreich": "das",
    "mongolei": "die",
    "slowakei": "die",
    "turkei": "die",
}
_FR_MASCULINE_E = {"cambodge", "mexique", "mozambique", "zimbabwe", "belize", "saint-siege"}
_IT_MASCULINE_A = {"canada", "sudafrica"}
_IT_FEMININE = {"santa sede"}
_EN_THE = ("united ", "republic ", "russian federation", "holy see", "netherlands", "philippines")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _folded(words: set[str]) -> set[str]:
    return {fold(w) for w in words}


def country_subject(name: str, lang: str) -> tuple[str, bool]:
    """``name`` (already in ``lang``) as a sentence's subject, capitalised, and whether it is plural."""
    key = fold(name)
    plural = key in _folded(_PLURAL.get(lang, set()))
    if lang == "en":
        return (f"The {name}" if key.startswith(_EN_THE) else name), False
    if lang == "de":
        article = _DE_ARTICLE.get(key)
        if article is None and key.startswith("republik "):
            article = "die"
        if article is None:
            return name, False
        if key == "heiliger stuhl":
            name = "Heilige Stuhl"
        elif key == "vereinigtes konigreich":
            name = "Vereinigte Königreich"
        elif key == "vereinigte staaten":
            name = "Vereinigten Staaten"
        return f"{_capital(article)} {name}", plural
    if lang == "fr":
        if key in _folded(_NO_ARTICLE["fr"]):
            return name, False
        if plural:
            return f"Les {name}", True
        if key[:1] in "aeiouy":  # the h of Hongrie is aspirated: la Hongrie
            return f"L'{name}", False
        first = key.split()[0].split("-")[0]
        feminine = (
            first.endswith("e") and key not in _folded(_FR_MASCULINE_E) and first not in {"royaume", "saint"}
        )
        return f"{'La' if feminine else 'Le'} {name}", False
    if lang == "it":
        if key in _NO_ARTICLE["it"]:
            return name, False
        first = key.split()[0]
        if plural:
            if first.endswith("e"):
                return f"Le {name}", True
            return (f"Gli {name}" if first[:1] in "aeiou" or first.startswith("s") else f"I {name}"), True
        if key[:1] in "aeiou":
            return f"L'{name}", False
        if (first.endswith("a") and key not in _IT_MASCULINE_A) or key in _IT_FEMININE:
            return f"La {name}", False
        if re.match(r"^(s[^aeiou]|z|gn|ps|x|y)", first):
            return f"Lo {name}", False
        return f"Il {name}", False
    return name, False


def country_object(name: str, lang: str) -> str:
    """``name`` (already in ``lang``) after a preposition that takes no contraction: "for the United States",
    "für die Schweiz", "für den Heiligen Stuhl", "pour la Suisse", "per il Giappone". Russian declines
    names, so its sentences put them in apposition instead ("для страны Швейцария")."""
    if lang == "ru":
        return name
    subject, _plural = country_subject(name, lang)
    if subject == name:
        return name
    article, rest = (subject[:2], subject[2:]) if subject.startswith("L'") else subject.split(" ", 1)
    if lang == "de" and article == "Der":  # masculine: the accusative of "für"
        return "den " + " ".join(w + "n" if w.endswith("e") else w for w in rest.split())
    return f"{article.lower()}{rest}" if article == "L'" else f"{article.lower()} {rest}"


_PLURAL_VERB = {  # the singular verb of our country sentences -> its plural (first occurrence only)
    "de": ((" ist ", " sind "),),
    "fr": ((" n'est ", " ne sont "), (" est ", " sont ")),
    "it": ((" è ", " sono "),),
}


def plural_verb(sentence: str, lang: str) -> str:
    """Our country sentences are written with a singular subject; make the verb agree with a plural one."""
    for singular, plural in _PLURAL_VERB.get(lang, ()):
        if singular in sentence:
            return sentence.replace(singular, plural, 1)
    return sentence


# ------------------------------------------------------------------------------------------ places
# Cities where OSCE cyber events are held, with their names in the five languages: an event in "Beijing" is
# found by "Pékin", "Peking", "Pechino" and "Пекин" too (the events' index adds the other names).
CITY_NAMES: tuple[tuple[str, ...], ...] = (
    ("Vienna", "Wien", "Vienne", "Вена"),
    ("Beijing", "Peking", "Pékin", "Pechino", "Пекин"),
    ("Seoul", "Séoul", "Сеул"),
    ("Rome", "Rom", "Roma", "Рим"),
    ("Athens", "Athen", "Athènes", "Atene", "Афины"),
    ("Bratislava", "Pressburg", "Братислава"),
    ("Tashkent", "Taschkent", "Tachkent", "Tashkent", "Ташкент"),
    ("Ulaanbaatar", "Ulan Bator", "Oulan-Bator", "Ulan Bator", "Улан-Батор"),
    ("Chisinau", "Chișinău", "Kischinau", "Chisinau", "Кишинёв", "Кишинев"),
    ("Kyiv", "Kiew", "Kiev", "Kiev", "Киев"),
    ("Tallinn", "Tallin", "Таллин"),
    ("Tbilisi", "Tiflis", "Tbilissi", "Тбилиси"),
    ("Warsaw", "Warschau", "Varsovie", "Varsavia", "Варшава"),
    ("Geneva", "Genf", "Genève", "Ginevra", "Женева"),
    ("The Hague", "Den Haag", "La Haye", "L'Aia", "Гаага"),
    ("Brussels", "Brüssel", "Bruxelles", "Bruxelles", "Брюссель"),
    ("Valletta", "La Valette", "La Valletta", "Валлетта"),
    ("Moscow", "Moskau", "Moscou", "Mosca", "Москва"),
    ("Belgrade", "Belgrad", "Belgrado", "Белград"),
    ("Bishkek", "Bischkek", "Bichkek", "Бишкек"),
    ("Almaty", "Almaty", "Алматы"),
    ("Astana", "Астана"),
    ("Dushanbe", "Duschanbe", "Douchanbé", "Душанбе"),
    ("Yerevan", "Eriwan", "Erevan", "Erevan", "Ереван"),
    ("Baku", "Bakou", "Баку"),
)


def city_names(text: str) -> list[str]:
    """Every name of the cities that ``text`` (a place) names in any language."""
    folded = f" {' '.join(WORD.findall(fold(text or '')))} "
    found: list[str] = []
    for names, forms in zip(CITY_NAMES, _city_forms(), strict=True):
        if any(form in folded for form in forms):
            found.extend(names)
    return found


@functools.cache
def _city_forms() -> tuple[tuple[str, ...], ...]:
    """CITY_NAMES folded once (folding them for every event made indexing an import slow)."""
    return tuple(tuple(f" {' '.join(WORD.findall(fold(n)))} " for n in names) for names in CITY_NAMES)
