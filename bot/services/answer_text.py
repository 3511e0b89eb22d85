# ruff: noqa: E501  (sentences in five languages read better unbroken)
"""The answers' vocabulary and sentences in the five languages (en, de, fr, it, ru).

Cue words say what a question is after (a state's status, a contact, an event, a time); they are
matched as index terms (storage.search.terms), so word forms and accents do not matter. The facts
themselves live in storage/reference/faq.yaml and cbms.yaml.
"""

from __future__ import annotations

from storage.search import terms


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
    """
)
# Words that say nothing about which answer fits: the bot's whole domain.
DOMAIN_WORDS = frozenset(
    terms(
        "osce osze osce's обсе cyber ict ikt tic ікт икт кибер security sicherheit securite sicurezza безопасность"
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
    "Status gehört dazu Beziehung Beziehungen beigetreten seit",
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
    "wann angenommen bedeutet besagt behandelt betrifft geht um thema inhalt wer führt leitet",
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
ONLINE = cue(
    "online virtual virtually remote",
    "online virtuell",
    "en ligne virtuel",
    "online virtuale",
    "онлайн виртуально дистанционно",
)
NUMBER_WORDS = frozenset({"no", "nr", "n", "number", "nummer", "numero", "num", "номер", "№"})
LIST_WORDS = cue(
    "which list all",
    "welche alle liste",
    "quels quelles tous liste",
    "quali tutti elenco",
    "какие все список",
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

MESSAGES: dict[str, dict[str, str]] = {
    "unknown": {
        "en": "I am not sure what you are asking. I can answer questions about the {cbms} cyber/ICT CBMs "
        '("What is CBM 8?", "Which CBM covers vulnerabilities?"), the decisions and the Informal Working '
        "Group, how many participating States there are, a country's OSCE status (\"Is Japan a participating "
        'State?"), events ("When is the next conference?") and, for members with the directory role, '
        "points of contact.",
        "de": "Ich bin nicht sicher, was Sie fragen. Ich beantworte Fragen zu den {cbms} Cyber-/IKT-VBM "
        "(„Was ist VBM 8?“), zu den Beschlüssen und der Informellen Arbeitsgruppe, zur Zahl der "
        "Teilnehmerstaaten, zum OSZE-Status eines Landes („Ist die Schweiz Teilnehmerstaat?“), zu "
        "Veranstaltungen („Wann ist die nächste Konferenz?“) und, für Mitglieder mit der Rolle directory, zu "
        "Kontaktstellen.",
        "fr": "Je ne suis pas sûr de comprendre la question. Je réponds sur les {cbms} mesures de confiance "
        "cyber/TIC (« Qu'est-ce que la mesure 8 ? »), les décisions et le Groupe de travail informel, le nombre "
        "d'États participants, le statut d'un pays à l'OSCE (« La France est-elle un État participant ? »), "
        "les événements (« Quand a lieu la prochaine conférence ? ») et, pour les membres ayant le rôle "
        "directory, les points de contact.",
        "it": "Non sono sicuro di aver capito la domanda. Rispondo sulle {cbms} misure di fiducia cyber/TIC "
        "(«Che cos'è la misura 8?»), sulle decisioni e sul Gruppo di lavoro informale, sul numero di Stati "
        "partecipanti, sullo status di un paese nell'OSCE («L'Italia è uno Stato partecipante?»), sugli "
        "eventi («Quando è la prossima conferenza?») e, per chi ha il ruolo directory, sui punti di contatto.",
        "ru": "Я не уверен, что понял вопрос. Я отвечаю о {cbms} мерах доверия в сфере кибер/ИКТ («Что такое "
        "мера 8?»), о решениях и Неофициальной рабочей группе, о числе государств-участников, о статусе "
        "страны в ОБСЕ («Является ли Япония государством-участником?»), о мероприятиях («Когда следующая "
        "конференция?») и, для участников с ролью directory, о контактных пунктах.",
    },
    "empty": {
        "en": 'Ask me a question, for example "What is CBM 8?" or "When is the next conference?".',
        "de": "Stellen Sie mir eine Frage, zum Beispiel „Was ist VBM 8?“.",
        "fr": "Posez-moi une question, par exemple « Qu'est-ce que la mesure 8 ? ».",
        "it": "Fammi una domanda, per esempio «Che cos'è la misura 8?».",
        "ru": "Задайте вопрос, например: «Что такое мера 8?».",
    },
    "long": {
        "en": "(Your question was long; I read its first {limit} characters.)",
        "de": "(Ihre Frage war lang; ich habe die ersten {limit} Zeichen gelesen.)",
        "fr": "(Votre question était longue ; j'en ai lu les {limit} premiers caractères.)",
        "it": "(La domanda era lunga; ne ho letto i primi {limit} caratteri.)",
        "ru": "(Вопрос длинный; я прочитал первые {limit} символов.)",
    },
    "no_cbm": {
        "en": "There is no CBM {number}: the OSCE has agreed {count} cyber/ICT CBMs, numbered 1 to {count}.",
        "de": "Es gibt keine VBM {number}: Die OSZE hat {count} Cyber-/IKT-VBM vereinbart, nummeriert von 1 "
        "bis {count}.",
        "fr": "Il n'existe pas de mesure {number} : l'OSCE a adopté {count} mesures de confiance cyber/TIC, "
        "numérotées de 1 à {count}.",
        "it": "Non esiste la misura {number}: l'OSCE ha adottato {count} misure di fiducia cyber/TIC, numerate "
        "da 1 a {count}.",
        "ru": "Меры {number} нет: ОБСЕ согласовала {count} мер доверия в сфере кибер/ИКТ с номерами от 1 до "
        "{count}.",
    },
    "cbm_source": {
        "en": "Our summary, not the official text. Source: {decision} of {date}.",
        "de": "Unsere Zusammenfassung, nicht der amtliche Text. Quelle: {decision} vom {date}.",
        "fr": "Notre résumé, pas le texte officiel. Source : {decision} du {date}.",
        "it": "Nostra sintesi, non il testo ufficiale. Fonte: {decision} del {date}.",
        "ru": "Наше краткое изложение, не официальный текст. Источник: {decision} от {date}.",
    },
    "participating_state": {
        "en": "{name} is an OSCE participating State.",
        "de": "{name} ist ein Teilnehmerstaat der OSZE.",
        "fr": "{name} est un État participant de l'OSCE.",
        "it": "{name} è uno Stato partecipante dell'OSCE.",
        "ru": "{name} — государство-участник ОБСЕ.",
    },
    "asian_partner": {
        "en": "{name} is not a participating State but one of the OSCE's Asian Partners for Co-operation{since}.",
        "de": "{name} ist kein Teilnehmerstaat, sondern ein asiatischer Kooperationspartner der OSZE{since}.",
        "fr": "{name} n'est pas un État participant mais un partenaire asiatique pour la coopération de "
        "l'OSCE{since}.",
        "it": "{name} non è uno Stato partecipante ma un partner asiatico per la cooperazione dell'OSCE{since}.",
        "ru": "{name} — не государство-участник, а азиатский партнёр ОБСЕ по сотрудничеству{since}.",
    },
    "mediterranean_partner": {
        "en": "{name} is not a participating State but one of the OSCE's Mediterranean Partners for "
        "Co-operation{since}.",
        "de": "{name} ist kein Teilnehmerstaat, sondern ein Mittelmeer-Kooperationspartner der OSZE{since}.",
        "fr": "{name} n'est pas un État participant mais un partenaire méditerranéen pour la coopération de "
        "l'OSCE{since}.",
        "it": "{name} non è uno Stato partecipante ma un partner mediterraneo per la cooperazione "
        "dell'OSCE{since}.",
        "ru": "{name} — не государство-участник, а средиземноморский партнёр ОБСЕ по сотрудничеству{since}.",
    },
    "none": {
        "en": "{name} is neither an OSCE participating State nor a Partner for Co-operation.",
        "de": "{name} ist weder Teilnehmerstaat der OSZE noch Kooperationspartner.",
        "fr": "{name} n'est ni un État participant de l'OSCE ni un partenaire pour la coopération.",
        "it": "{name} non è né uno Stato partecipante dell'OSCE né un partner per la cooperazione.",
        "ru": "{name} не является ни государством-участником ОБСЕ, ни партнёром по сотрудничеству.",
    },
    "since": {
        "en": " (since {year})",
        "de": " (seit {year})",
        "fr": " (depuis {year})",
        "it": " (dal {year})",
        "ru": " (с {year} года)",
    },
    "event_when": {
        "en": "{title}: {when}, {where}.",
        "de": "{title}: {when}, {where}.",
        "fr": "{title} : {when}, {where}.",
        "it": "{title}: {when}, {where}.",
        "ru": "{title}: {when}, {where}.",
    },
    "online": {"en": "online", "de": "online", "fr": "en ligne", "it": "online", "ru": "онлайн"},
    "online_and": {
        "en": "{place} and online",
        "de": "{place} und online",
        "fr": "{place} et en ligne",
        "it": "{place} e online",
        "ru": "{place} и онлайн",
    },
    "no_place": {
        "en": "place not given",
        "de": "Ort nicht angegeben",
        "fr": "lieu non précisé",
        "it": "luogo non indicato",
        "ru": "место не указано",
    },
    "participants": {
        "en": "Countries taking part ({count}): {names}.",
        "de": "Teilnehmende Länder ({count}): {names}.",
        "fr": "Pays participants ({count}) : {names}.",
        "it": "Paesi partecipanti ({count}): {names}.",
        "ru": "Страны-участницы ({count}): {names}.",
    },
    "no_participants": {
        "en": "Our sources name no participating countries for it.",
        "de": "Unsere Quellen nennen keine teilnehmenden Länder.",
        "fr": "Nos sources ne citent pas de pays participants.",
        "it": "Le nostre fonti non indicano paesi partecipanti.",
        "ru": "Наши источники не называют стран-участниц.",
    },
    "organisers": {
        "en": "Organisers: {names}.",
        "de": "Veranstalter: {names}.",
        "fr": "Organisateurs : {names}.",
        "it": "Organizzatori: {names}.",
        "ru": "Организаторы: {names}.",
    },
    "was_online": {
        "en": "It was held online.",
        "de": "Sie fand online statt.",
        "fr": "Il s'est tenu en ligne.",
        "it": "Si è svolto online.",
        "ru": "Оно проходило онлайн.",
    },
    "not_online": {
        "en": "It was not held online.",
        "de": "Sie fand nicht online statt.",
        "fr": "Il ne s'est pas tenu en ligne.",
        "it": "Non si è svolto online.",
        "ru": "Оно проходило не в онлайн-формате.",
    },
    "status_note": {
        "en": "Status: {status}.",
        "de": "Status: {status}.",
        "fr": "Statut : {status}.",
        "it": "Stato: {status}.",
        "ru": "Статус: {status}.",
    },
    "next_event": {
        "en": "The next one:",
        "de": "Die nächste:",
        "fr": "Le prochain :",
        "it": "Il prossimo:",
        "ru": "Ближайшее:",
    },
    "no_upcoming": {
        "en": "Nothing matching is scheduled yet; the most recent one was:",
        "de": "Noch ist nichts Passendes geplant; zuletzt fand statt:",
        "fr": "Rien de correspondant n'est encore prévu ; le plus récent était :",
        "it": "Non è ancora previsto nulla di corrispondente; il più recente è stato:",
        "ru": "Пока ничего подходящего не запланировано; последнее было:",
    },
    "also": {
        "en": "Also matching:",
        "de": "Ebenfalls passend:",
        "fr": "Correspondent aussi :",
        "it": "Corrispondono anche:",
        "ru": "Также подходят:",
    },
    "contact_forbidden": {
        "en": "Contact details of the points of contact are shown only to members with the directory role. "
        "Ask a directory member, or read what the network is with /cbm number:8.",
        "de": "Die Angaben der Kontaktstellen sehen nur Mitglieder mit der Rolle directory. Fragen Sie ein "
        "solches Mitglied oder lesen Sie mit /cbm number:8, was das Netz ist.",
        "fr": "Les coordonnées des points de contact ne sont visibles que par les membres ayant le rôle "
        "directory. Demandez à l'un d'eux, ou lisez ce qu'est le réseau avec /cbm number:8.",
        "it": "I recapiti dei punti di contatto sono visibili solo a chi ha il ruolo directory. Chiedi a uno di "
        "loro, oppure leggi che cos'è la rete con /cbm number:8.",
        "ru": "Контактные данные видят только участники с ролью directory. Обратитесь к такому участнику или "
        "прочитайте о сети командой /cbm number:8.",
    },
    "contact_none": {
        "en": "The directory has no {type}point of contact for {country}.",
        "de": "Das Verzeichnis enthält keine {type}Kontaktstelle für {country}.",
        "fr": "L'annuaire ne contient aucun point de contact {type}pour {country}.",
        "it": "La rubrica non contiene alcun punto di contatto {type}per {country}.",
        "ru": "В справочнике нет {type}контактного пункта для страны {country}.",
    },
    "contact_line": {
        "en": "{type} point of contact for {country}: {details}.",
        "de": "{type} Kontaktstelle für {country}: {details}.",
        "fr": "Point de contact {type} pour {country} : {details}.",
        "it": "Punto di contatto {type} per {country}: {details}.",
        "ru": "{type} контактный пункт ({country}): {details}.",
    },
    "confirmed": {
        "en": "confirmed {date}",
        "de": "bestätigt am {date}",
        "fr": "confirmé le {date}",
        "it": "confermato il {date}",
        "ru": "подтверждено {date}",
    },
    "stale": {
        "en": "not confirmed in the last 12 months",
        "de": "seit über 12 Monaten nicht bestätigt",
        "fr": "non confirmé depuis plus de 12 mois",
        "it": "non confermato da oltre 12 mesi",
        "ru": "не подтверждено более 12 месяцев",
    },
    "private": {
        "en": "Personal data: shown to you because you hold the directory role; this lookup is logged.",
        "de": "Personenbezogene Daten: sichtbar, weil Sie die Rolle directory haben; der Abruf wird protokolliert.",
        "fr": "Données personnelles : visibles car vous avez le rôle directory ; la consultation est journalisée.",
        "it": "Dati personali: visibili perché hai il ruolo directory; la consultazione è registrata.",
        "ru": "Персональные данные: видны, потому что у вас роль directory; запрос записан в журнал.",
    },
}
LABELS = {  # field names of an answer's reply
    "source": {"en": "Source", "de": "Quelle", "fr": "Source", "it": "Fonte", "ru": "Источник"},
    "when": {"en": "When", "de": "Wann", "fr": "Quand", "it": "Quando", "ru": "Когда"},
    "also": {
        "en": "Also matching",
        "de": "Ebenfalls passend",
        "fr": "Correspondent aussi",
        "it": "Corrispondono anche",
        "ru": "Также подходят",
    },
    "unknown": {
        "en": "Not sure",
        "de": "Nicht sicher",
        "fr": "Pas sûr",
        "it": "Non sono sicuro",
        "ru": "Не уверен",
    },
}


def label(key: str, lang: str) -> str:
    return LABELS[key].get(lang) or LABELS[key]["en"]


TYPE_LABEL = {
    "technical": {
        "en": "Technical",
        "de": "Technische",
        "fr": "technique",
        "it": "tecnico",
        "ru": "Технический",
    },
    "policy": {"en": "Policy", "de": "Politische", "fr": "politique", "it": "politico", "ru": "Политический"},
}
TYPE_WORD = {  # inside "no … point of contact"
    "technical": {
        "en": "technical ",
        "de": "technische ",
        "fr": "technique ",
        "it": "tecnico ",
        "ru": "технического ",
    },
    "policy": {
        "en": "policy ",
        "de": "politische ",
        "fr": "politique ",
        "it": "politico ",
        "ru": "политического ",
    },
}


def message(key: str, lang: str, **values: object) -> str:
    texts = MESSAGES[key]
    return (texts.get(lang) or texts["en"]).format(**values)
