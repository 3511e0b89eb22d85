"""The refusals of the events, times, text, feeds, knowledge and contacts services reach a German, French,
Italian or Russian reader in their language, on Discord (the client's locale) and from the service itself
(``exc.said(lang)``); ``str(exc)``, the CLI's and the logs' English, stays word for word what it was.
What the reader typed (a zone's name, a URL, a phone number) and option names stay as they were typed."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest

from bot.errors import BadInput, CbmError
from bot.services.contacts import check_email, check_phone
from bot.services.events import EventDraft
from bot.services.principal import OPERATOR
from bot.timeutil import event_span, localize, parse_when, zone
from tests.helpers import make_bot, run_slash

LANGS = ("de", "fr", "it", "ru")
ORGANISER = {"roles": ("organiser",), "user_id": 77}
ADMIN = {"admin": True, "roles": ("directory",), "user_id": 5}
VIENNA = zoneinfo.ZoneInfo("Europe/Vienna")

# What a native reader sees in each case (the typed values as typed), and the English that must not show.
NATIVE = {
    "zone": {
        "de": ["Unbekannte Zeitzone „Mars/Olympus“", "Verwenden Sie einen IANA-Namen"],
        "fr": ["Fuseau horaire « Mars/Olympus » inconnu", "utilisez un nom IANA"],
        "it": ["Fuso orario «Mars/Olympus» sconosciuto", "usa un nome IANA"],
        "ru": ["Неизвестный часовой пояс «Mars/Olympus»", "укажите название IANA"],
    },
    "end_before_start": {
        "de": ["Das Ende (2026-12-02T10:00:00+00:00) liegt vor dem Beginn (2026-12-03T10:00:00+00:00)"],
        "fr": ["La fin (2026-12-02T10:00:00+00:00) précède le début (2026-12-03T10:00:00+00:00)"],
        "it": ["La fine (2026-12-02T10:00:00+00:00) viene prima dell'inizio (2026-12-03T10:00:00+00:00)"],
        "ru": ["Окончание (2026-12-02T10:00:00+00:00) раньше начала (2026-12-03T10:00:00+00:00)"],
    },
    "no_event": {
        "de": ["Es gibt keine Veranstaltung #987654"],
        "fr": ["Il n'y a pas d'événement #987654"],
        "it": ["Non esiste l'evento #987654"],
        "ru": ["Мероприятия #987654 нет"],
    },
    "url": {
        "de": ["Die URL „ftp://example.org“ muss mit http:// oder https:// beginnen"],
        "fr": ["L'URL « ftp://example.org » doit commencer par http:// ou https://"],
        "it": ["L'URL «ftp://example.org» deve iniziare con http:// o https://"],
        "ru": ["URL «ftp://example.org» должен начинаться с http:// или https://"],
    },
    "dst_gap": {
        "de": ["2027-03-28 02:30 gibt es in Europe/Vienna nicht", "Sommerzeit"],
        "fr": ["2027-03-28 02:30 n'existe pas dans le fuseau Europe/Vienna", "heure d'été"],
        "it": ["2027-03-28 02:30 non esiste nel fuso Europe/Vienna", "ora legale"],
        "ru": ["2027-03-28 02:30 в поясе Europe/Vienna не бывает", "летнее время"],
    },
    "cbm_missing": {
        "de": ["Es gibt keine VBM 17", "1 bis 16"],
        "fr": ["Il n'y a pas de MDC 17 :", "de 1 à 16"],
        "it": ["Non esiste la MRF 17", "da 1 a 16"],
        "ru": ["МД 17 нет", "с 1 по 16"],
    },
    "cbm_unknown": {
        "de": ["Unbekannte VBM-Nummer: 17; die VBM sind von 1 bis 16 nummeriert"],
        "fr": ["Numéro de MDC inconnu : 17 ; les MDC sont numérotées de 1 à 16"],
        "it": ["Numero di MRF sconosciuto: 17; le MRF sono numerate da 1 a 16"],
        "ru": ["Неизвестный номер МД: 17; МД пронумерованы от 1 до 16"],
    },
    "no_words": {
        "de": ["Geben Sie ein Suchwort an (mindestens zwei Buchstaben)"],
        "fr": ["Indiquez un mot à rechercher (au moins deux lettres)"],
        "it": ["Indica una parola da cercare (almeno due lettere)"],
        "ru": ["Укажите слово для поиска (не короче двух букв)"],
    },
    "phone": {
        "de": ["„call me“ ist keine Telefonnummer"],
        "fr": ["« call me » n'est pas un numéro de téléphone"],
        "it": ["«call me» non è un numero di telefono"],
        "ru": ["«call me» — не номер телефона"],
    },
    "email": {
        "de": ["„kati(at)example“ ist keine E-Mail-Adresse"],
        "fr": ["« kati(at)example » n'est pas une adresse e-mail"],
        "it": ["«kati(at)example» non è un indirizzo email"],
        "ru": ["«kati(at)example» — не адрес электронной почты"],
    },
    "title_too_long": {
        "de": ["Das Feld title ist 201 Zeichen lang; erlaubt sind höchstens 200"],
        "fr": ["Le champ title compte 201 caractères ; 200 au plus sont admis"],
        "it": ["Il campo title è lungo 201 caratteri; ne sono ammessi al massimo 200"],
        "ru": ["Поле title слишком длинное (знаков: 201); допускается не более 200"],
    },
}
ENGLISH = {
    "zone": "unknown time zone",
    "end_before_start": "is before the start",
    "no_event": "there is no event",
    "url": "must start with",
    "dst_gap": "does not exist in",
    "cbm_missing": "the OSCE has agreed",
    "cbm_unknown": "the CBMs are numbered",
    "no_words": "give a word",
    "phone": "is not a phone number",
    "email": "is not an email address",
    "title_too_long": "characters long",
}


def _plain(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def _native(case: str, lang: str, text: str) -> None:
    text = _plain(text)
    for words in NATIVE[case][lang]:
        assert words in text, (case, lang, text)
    assert ENGLISH[case].lower() not in text.lower(), (case, lang, text)


@pytest.fixture
async def bot(app):
    client = await make_bot(app)
    yield client
    await client.close()


async def _refused(bot, line: str, lang: str, **who) -> str:
    sent = await run_slash(bot, line, locale=lang, **who)
    assert len(sent) == 1 and sent[0].ephemeral, (line, sent)
    return sent[0].content


# ------------------------------------------------------------------------------------------ on Discord


@pytest.mark.parametrize("lang", LANGS)
async def test_event_add_refusals_on_discord_in_the_readers_language(bot, lang):
    add = "/event add title:Workshop kind:workshop"
    cases = {
        "zone": f'{add} start:"2026-12-03 10:00" timezone:Mars/Olympus',
        "end_before_start": f'{add} start:"2026-12-03 10:00" end:"2026-12-02 10:00" timezone:UTC',
        "url": f'{add} start:"2026-12-03 10:00" url:ftp://example.org',
        "dst_gap": f'{add} start:"2027-03-28 02:30" timezone:Europe/Vienna',
        "cbm_unknown": f'{add} start:"2026-12-03 10:00" cbms:17',
    }
    for case, line in cases.items():
        _native(case, lang, await _refused(bot, line, lang, **ORGANISER))


@pytest.mark.parametrize("lang", LANGS)
async def test_lookups_refused_on_discord_in_the_readers_language(bot, lang):
    _native("no_event", lang, await _refused(bot, "/event show id:987654", lang))
    _native("no_words", lang, await _refused(bot, "/event search query:a", lang))
    sent = await run_slash(bot, "/cbm number:17", locale=lang)
    _native("cbm_missing", lang, sent[0].content or sent[0].text)


@pytest.mark.parametrize("lang", LANGS)
async def test_contacts_add_refusals_on_discord_in_the_readers_language(bot, lang):
    add = "/contacts add country:Estonia name:Kati type:technical"
    _native("phone", lang, await _refused(bot, f'{add} phone:"call me"', lang, **ADMIN))
    _native("email", lang, await _refused(bot, f'{add} email:"kati(at)example"', lang, **ADMIN))


async def test_english_on_discord_is_word_for_word_as_before(bot):
    line = '/event add title:W kind:workshop start:"2026-12-03 10:00" timezone:Mars/Olympus'
    sent = await run_slash(bot, line, **ORGANISER)
    assert sent[0].content == (
        "Unknown time zone 'Mars/Olympus': use an IANA name such as Europe/Vienna or UTC."
    )
    assert (await run_slash(bot, "/event show id:987654"))[0].content == "There is no event #987654."


# ------------------------------------------------------------------------------------------ the services


def _said(call) -> CbmError:
    with pytest.raises(CbmError) as caught:
        call()
    return caught.value


@pytest.mark.parametrize("lang", LANGS)
def test_time_refusals_from_the_service_in_each_language(lang):
    _native("zone", lang, _said(lambda: zone("Mars/Olympus")).said(lang))
    start = dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC)
    _native(
        "end_before_start",
        lang,
        _said(lambda: event_span(start, start - dt.timedelta(days=1), dt.UTC)).said(lang),
    )
    _native("dst_gap", lang, _said(lambda: localize(dt.datetime(2027, 3, 28, 2, 30), VIENNA)).said(lang))
    twice = _said(lambda: localize(dt.datetime(2026, 10, 25, 2, 30), VIENNA))
    assert "+02:00" in twice.said(lang) and "+01:00" in twice.said(lang)
    assert "happens twice" not in twice.said(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_contact_checks_from_the_service_in_each_language(lang):
    _native("phone", lang, _said(lambda: check_phone("call me")).said(lang))
    _native("email", lang, _said(lambda: check_email("kati(at)example")).said(lang))


@pytest.mark.parametrize("lang", LANGS)
async def test_event_and_knowledge_services_refuse_in_each_language(app, lang):
    now = app.now()
    start = dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC)

    async def refusal(coroutine) -> CbmError:
        with pytest.raises(CbmError) as caught:
            await coroutine
        return caught.value

    long = await refusal(app.events.create(EventDraft("x" * 201, "workshop", start), OPERATOR, now))
    _native("title_too_long", lang, long.said(lang))
    bad_url = await refusal(
        app.events.create(EventDraft("W", "workshop", start, url="ftp://example.org"), OPERATOR, now)
    )
    _native("url", lang, bad_url.said(lang))
    _native(
        "cbm_unknown",
        lang,
        (await refusal(app.events.create(EventDraft("W", "workshop", start, cbms=[17]), OPERATOR, now))).said(
            lang
        ),
    )
    _native("no_event", lang, (await refusal(app.events.get(987654))).said(lang))
    _native("no_words", lang, (await refusal(app.events.search("a", now))).said(lang))
    _native("cbm_missing", lang, (await refusal(app.knowledge.cbm(17))).said(lang))  # fmt: skip


async def test_english_of_the_services_is_word_for_word_as_before(app):
    now = app.now()
    start = dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC)
    with pytest.raises(BadInput) as caught:
        zone("Mars/Olympus")
    assert (
        str(caught.value) == "unknown time zone 'Mars/Olympus': use an IANA name such as Europe/Vienna or UTC"
    )
    with pytest.raises(BadInput) as caught:
        localize(dt.datetime(2027, 3, 28, 2, 30), VIENNA)
    assert str(caught.value) == (
        "2027-03-28 02:30 does not exist in Europe/Vienna: the clocks jump forward then (daylight saving); "
        "choose another time or give an explicit offset"
    )
    with pytest.raises(BadInput) as caught:
        parse_when("March 2027", dt.UTC, now, "start")
    assert str(caught.value) == "the start 'March 2027' names a month, not a day: give the day too"
    with pytest.raises(BadInput) as caught:
        check_phone("call me")
    assert str(caught.value) == "'call me' is not a phone number (digits, spaces and an optional leading +)"
    with pytest.raises(CbmError) as caught:
        await app.events.create(EventDraft("x" * 201, "workshop", start), OPERATOR, now)
    assert str(caught.value) == "the title is 201 characters long; at most 200 are allowed"
    with pytest.raises(CbmError) as caught:
        await app.events.create(EventDraft("W", "workshop", start, url="ftp://x.org"), OPERATOR, now)
    assert str(caught.value) == "the URL 'ftp://x.org' must start with http:// or https:// and name a host"
    with pytest.raises(CbmError) as caught:
        await app.events.create(EventDraft("W", "workshop", start, cbms=[17, 20]), OPERATOR, now)
    assert str(caught.value) == "unknown CBM 17, 20: the CBMs are numbered 1 to 16"
    with pytest.raises(CbmError) as caught:
        await app.knowledge.cbm(17)
    assert str(caught.value) == "there is no CBM 17: the OSCE has agreed 16 cyber/ICT CBMs, 1 to 16"
    with pytest.raises(CbmError) as caught:
        await app.events.search("a", now)
    assert str(caught.value) == "give a word to search for (at least two letters)"
    assert caught.value.said("en") == str(caught.value)


NOTHING_CHANGED = {
    "de": "Nichts geändert: Österreich nimmt bereits teil; Malta nimmt nicht teil",
    "fr": "Rien n'a changé : Autriche participe déjà; Malte ne participe pas",
    "it": "Nessuna modifica: Austria partecipa già; Malta non partecipa",
    "ru": "Ничего не изменилось: Австрия уже участвует; Мальта не участвует",
}
NO_COUNTRY = {
    "de": "Kein Staat und kein Partner heißt „Atlantis“",
    "fr": "Aucun État ni partenaire ne s'appelle « Atlantis »",
    "it": "Nessuno Stato o partner si chiama «Atlantis»",
    "ru": "Государства или партнёра с названием «Atlantis» нет",
}


async def test_participants_refused_with_the_countries_named_in_each_language(app):
    now = app.now()
    start = dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC)
    event = await app.events.create(EventDraft("W", "workshop", start, countries=["Austria"]), OPERATOR, now)
    with pytest.raises(CbmError) as caught:
        await app.events.change_participants(event.id, ["Austria"], ["Malta"], OPERATOR, now)
    assert str(caught.value) == "nothing changed: Austria already takes part; Malta does not take part"
    for lang, text in NOTHING_CHANGED.items():
        assert _plain(caught.value.said(lang)) == text
    with pytest.raises(CbmError) as caught:
        await app.events.change_participants(event.id, ["Atlantis"], [], OPERATOR, now)
    assert str(caught.value).startswith("no country or partner called 'Atlantis'")
    for lang, text in NO_COUNTRY.items():
        assert text in caught.value.said(lang)


EVENT_REPLIES = {
    "en": ["Added event #", "Changed title of event #", "is cancelled. Reason: weather",
           "is postponed; /event edit", "is scheduled again.", "added Germany", "taking part now.",
           "You now follow event #", "You no longer follow event #",
           "You follow no events; /event follow id:N adds one."],
    "de": ["Veranstaltung #", "hinzugefügt.", "Geändert bei Veranstaltung #", "ist abgesagt. Grund: weather",
           "ist verschoben; /veranstaltung bearbeiten", "ist wieder geplant.", "hinzugefügt: Deutschland",
           "Teilnehmende Staaten jetzt: 1.", "Sie folgen jetzt der Veranstaltung #",
           "Sie folgen der Veranstaltung #", "nicht mehr",
           "Sie folgen keiner Veranstaltung; /veranstaltung folgen"],
    "fr": ["ajouté.", "Événement n°", "modifié : title", "est annulé. Motif : weather",
           "est reporté ; /evenement modifier", "est de nouveau prévu.", "ajoutés : Allemagne",
           "États participants désormais : 1.", "Vous suivez désormais l'événement", "Vous ne suivez plus",
           "Vous ne suivez aucun événement ; /evenement suivre"],
    "ru": ["добавлено.", "изменено: title", "отменено. Причина: weather", "перенесено; /мероприятие изменить",
           "снова запланировано.", "добавлены: Германия", "Теперь участвующих государств: 1.",
           "Вы теперь следите за мероприятием", "Вы больше не следите", "Вы ни за чем не следите"],
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "de", "fr", "ru"])
async def test_the_organisers_event_replies_and_following_in_the_readers_language(bot, lang):
    """Adding, changing, cancelling, postponing, restoring an event, its participants, and following it reply
    in the reader's language, naming the commands as that reader's client shows them; English as before."""
    seen = []

    async def said(line: str, **who) -> str:
        sent = await run_slash(bot, line, locale=lang, **(who or ORGANISER))
        seen.append(sent[0].text)
        seen.extend(b.get("label", "") for b in sent[0].buttons)
        return sent[0].text

    added = await said("/event add title:Drill kind:workshop start:2027-03-01 timezone:Europe/Vienna")
    number = int(re.search(r"[0-9]+", added).group())
    await said(f"/event edit id:{number} title:Spring drill")
    await said(f"/event cancel id:{number} reason:weather")
    await said(f"/event restore id:{number}")
    await said(f"/event postpone id:{number}")
    await said(f"/event restore id:{number}")
    await said(f"/event participants id:{number} add:Germany")
    await said(f"/event follow id:{number}")
    await said(f"/event unfollow id:{number}")
    await said("/event following")
    everything = "\n".join(seen)
    for words in EVENT_REPLIES[lang]:
        assert words in everything, (words, everything)
    if lang != "en":
        for english in ("Added event", "You now follow", "Unfollow", "is cancelled", "taking part now"):
            assert english not in everything, (english, everything)
