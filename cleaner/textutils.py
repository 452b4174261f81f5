"""What both extraction paths read in plain text: words, sentence ends, title parts, dates and the words
of page chrome.

One definition of each, so the HTML path and the text path cannot drift apart on what a word or a date is.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable
from itertools import islice

from rapidfuzz import fuzz

_SOFT_HYPHEN = "\xad"  # where a word may break


def composed(text: str) -> str:
    """The text in Unicode's composed form (NFC), so that one word is one string however it was encoded
    (`für` as `u` and a combining mark would be two words to every pattern), without soft hyphens (hints
    where a word may break, never drawn mid-line, that would split it too). Only text that changes is
    copied. Give it a block, not a page: where its quick check is unsure (some combining marks), even
    checking computes the normal form, which takes about six times the text's size while it runs."""
    if text.isascii():
        return text
    if _SOFT_HYPHEN in text:
        text = " ".join(text.replace(_SOFT_HYPHEN, "").split())
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


# Chinese and Japanese put no space between words: each of their characters (an ideograph, a kana) counts as
# a word, so that a paragraph of them is as long in words as its meaning is (a Chinese word is one or two
# characters). Korean spaces its words. `々`, `〆` and `〇` are letters among the CJK punctuation (`人々`,
# `〇〇年`); the ideographs beyond the BMP (Extension B on) and halfwidth katakana are letters too.
UNSPACED = (
    "\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
UNSPACED_PUNCTUATION = (  # `。、「」，！`
    "\u3000-\u3004\u3008-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
WORD = re.compile(r"\w+")  # a word as the HTML features see words: letters, digits and `_`
# ... and as the text features do: a character of a script without spaces is a word. The HTML model was
# trained on WORD's runs; reading it this way too (with Chinese, Japanese and Korean chrome words) moved its
# held-out figures (WCXB 0.849 -> 0.845, listing 0.664 -> 0.626): the HTML path waits for a retraining.
UNSPACED_WORD = re.compile(rf"[{UNSPACED}]|[^\W{UNSPACED}]+")
_UNSPACED_LETTER = re.compile(f"[{UNSPACED}]")
_SPACED_PART = re.compile(rf"[{UNSPACED}]|[^\s{UNSPACED}{UNSPACED_PUNCTUATION}]+")


def has_unspaced(text: str) -> bool:
    """Whether the text holds a character of a script that puts no space between words."""
    return not text.isascii() and _UNSPACED_LETTER.search(text) is not None


def word_count(text: str, most: int | None = None) -> int:
    """How many words a text has: its parts between spaces, and each character of a script that puts no
    space between words. With `most`, counted to `most` + 1 at most: enough to tell whether it has more,
    without splitting a glued dump's megabyte block."""
    if not has_unspaced(text):
        return len(text.split(None, -1 if most is None else most))
    return sum(1 for _ in islice(_SPACED_PART.finditer(text), None if most is None else most + 1))


_WORD_RUN = re.compile(r"[^\W_]+")  # a word for matching: letters and digits only

# Four questions about sentence ends, each with its own answer. Chinese and Japanese end a sentence with
# `。！？` and no space after it.
ENDS_LIKE_SENTENCE = re.compile(r"[.!?:…]\W*$")  # does a block end as a sentence (or a lead-in) does?
# where does a sentence end inside a text? does a text close with punctuation at all?
SENTENCE_END = re.compile(r"[.!?…][\"”’»)]?(?:\s|$)|[。！？｡][\"”’»)」』]?")
TERMINAL_PUNCTUATION = re.compile(r"[.!?…:;。！？｡：；][\"”’»)」』]?$")
# Does a block end as a sentence does, in any script (`。！？` CJK, `।` Devanagari, `؟` Arabic), a closing
# quote or bracket after the mark, but not as a lead-in (`:`, as in "Share this:")? ENDS_LIKE_SENTENCE
# predates the other scripts' marks; it feeds the HTML model's features, so widening it means retraining.
ENDS_AS_SENTENCE = re.compile(r"[.!?…。！？．｡।॥؟۔][\"'”’»›)」』]*$")  # `[…]` marks a cut excerpt: no

_SEPARATOR_CHARS = "|–—·•»-"
# `Headline | Site`: the separators between the parts of a page title, spaced on both sides. A title tag
# also splits at a spaced colon (`Site : Headline`); a dump's title line does not (`Review: the headline`).
TITLE_SEPARATOR = re.compile(rf"\s+[{_SEPARATOR_CHARS}]\s+")
TITLE_SEPARATOR_OR_COLON = re.compile(rf"\s+[:{_SEPARATOR_CHARS}]\s+")
# `Headline - Site`: a short last part, which may have a hyphen in it but no other separator.
SITE_SUFFIX = re.compile(rf"^(.{{10,}})\s+[{_SEPARATOR_CHARS}]\s+([^{_SEPARATOR_CHARS[:-1]}]{{1,40}})$")
_SAME_HEADLINE = 90  # rapidfuzz ratio from which a title's last part is the headline again, a typo aside

# The words before an author's name, both paths' bylines: `By`, `Written by`, `Posted by:`, `Text by`, and
# `Von`, `Par`, `Por`, `Door`, `Di`, `Av`, `Author:`, `Auteur :`; a whole word, so `Parker` is a name.
BYLINE_LEAD = r"(?i:(?:(?:written|posted|text)\s+)?by|von|par|por|door|di|av|autho?r|auteur)(?!\w)\s*:?\s*"

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
MONTH_NAMES: tuple[tuple[str, ...], ...] = (  # each month's abbreviation first, then its other names
    ("jan", "january"),
    ("feb", "february"),
    ("mar", "march"),
    ("apr", "april"),
    ("may",),
    ("jun", "june"),
    ("jul", "july"),
    ("aug", "august"),
    ("sep", "sept", "september"),
    ("oct", "october"),
    ("nov", "november"),
    ("dec", "december"),
)
# The months in the other languages of the chrome words, as dates write them (`13. Dezember 2015`, `5 maja
# 2021`, `1er déc. 2020`): each month's names, its usual abbreviations among them. English's MONTH_NAMES
# also feed the text features' date, which a model was trained on: these only read a date.
_OTHER_MONTH_NAMES = {
    "german": "januar jänner jan, februar feber feb, märz mär mrz, april apr, mai, juni jun, juli jul, "
    "august aug, september sep sept, oktober okt, november nov, dezember dez",
    "french": "janvier janv, février févr, mars, avril avr, mai, juin, juillet juil, août, septembre sept, "
    "octobre oct, novembre nov, décembre déc",
    "spanish": "enero ene, febrero feb, marzo mar, abril abr, mayo may, junio jun, julio jul, agosto ago, "
    "septiembre setiembre sep, octubre oct, noviembre nov, diciembre dic",
    "portuguese": "janeiro jan, fevereiro fev, março mar, abril abr, maio mai, junho jun, julho jul, agosto ago, "
    "setembro set, outubro out, novembro nov, dezembro dez",
    "italian": "gennaio gen, febbraio feb, marzo mar, aprile apr, maggio mag, giugno giu, luglio lug, "
    "agosto ago, settembre set, ottobre ott, novembre nov, dicembre dic",
    "dutch": "januari jan, februari feb, maart mrt, april apr, mei, juni jun, juli jul, augustus aug, "
    "september sep sept, oktober okt, november nov, december dec",
    # Polish writes a date's month in the genitive (`5 maja`), a heading's in the nominative (`maj 2021`)
    "polish": "stycznia styczeń sty, lutego luty lut, marca marzec mar, kwietnia kwiecień kwi, maja maj, "
    "czerwca czerwiec cze, lipca lipiec lip, sierpnia sierpień sie, września wrzesień wrz, "
    "października październik paź, listopada listopad lis, grudnia grudzień gru",
}
_MONTHS = {name: number for number, names in enumerate(MONTH_NAMES, start=1) for name in names} | {
    name: number
    for months in _OTHER_MONTH_NAMES.values()
    for number, names in enumerate(months.split(", "), start=1)
    for name in names.split()
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ENGLISH_MONTH = "|".join(sorted((name for names in MONTH_NAMES for name in names), key=len, reverse=True))
# A year ends where its digits do, or where a capitalised word glued to it starts (a glued dump's
# `July 9, 2025Edited by`), not in a unit (`2000mAh`)
_YEAR = r"(\d{4})(?!\d)(?!(?-i:[a-z]))"
# `Sep 19, 2025`: month first is English's order only (`Set 3 2024`, `Gen 5 2022` are no dates)
_MONTH_DAY_YEAR = re.compile(rf"\b({_ENGLISH_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}", re.I)
# `19 September 2025`, `13. Dezember 2015`, `1er décembre 2020`, `13 de diciembre de 2015`
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?({_MONTH})\.?,?\s+(?:de\s+)?{_YEAR}", re.I
)
# `13.12.2015`: written with dots, a date is day first (German, Dutch, Polish…); slashes are not, in the US.
# Not a part of a longer dotted number (`1.2.10.2024`).
_DOTTED_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d]|\.\d)")


def first_letter_alternation(fragments: Iterable[str]) -> str:
    """One alternation of regex fragments (each starting with a plain letter), the first listed winning
    where several match at one place as in a plain alternation, but grouped by first letter: the regex
    engine tries the alternatives one by one, and a group it turns away at its letter costs one test (a
    plain alternation of many words costs several times as much)."""
    groups: dict[str, list[str]] = {}
    for fragment in dict.fromkeys(fragments):  # each once, in order
        if not fragment[:1].isalpha():  # a sign or a group first would be cut in two
            raise ValueError(f"a fragment must start with a letter: {fragment!r}")
        groups.setdefault(fragment[0], []).append(fragment[1:])
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


# The words of page chrome (signing in, subscribing, sharing, legal pages, navigation, comments), in the
# languages of most of the web, each entry a regex fragment matched as whole words against lowercased text.
# Each language's list translates the kinds of words of the English one (not every word of it), so that a
# German menu counts as an English one does.
_CHROME_WORDS = {  # each language's entries, split at `, `
    "English": (
        "sign ?(?:in|up|out), log ?(?:in|out), subscribe, subscription, cookies?, privacy, "
        "terms of (?:use|service), share, follow (?:us)?, newsletter, see all, view all, read more, "
        r"all rights reserved, copyright, advertis\w*, sponsored, related, popular, trending, menu, "
        "search, skip to, home ?page, contact us, about us, faq, careers, facebook, twitter, instagram, "
        "linkedin, youtube, pinterest, tiktok, whatsapp, email, comments?, reply, replies, loading, "
        "next, previous, back to top, download, login, register, account, cart, wishlist, close, expand, "
        "plus"
    ),
    "German": (
        r"anmelden, abmelden, einloggen, registrieren, mein konto, abonnieren, abonnement\w*, "
        r"datenschutz\w*, impressum, nutzungsbedingungen, agb, teilen, folgen sie uns, alle anzeigen, "
        "mehr anzeigen, weiterlesen, mehr erfahren, alle rechte vorbehalten, anzeige, werbung, "
        r"gesponsert, ähnliche (?:beiträge|artikel), mehr zum thema, auch interessant, meistgelesen\w*, "
        r"menü, suche, zum inhalt springen, startseite, kontakt, über uns, karriere, kommentar\w*, "
        "antworten, wird geladen, zurück, nach oben, herunterladen, warenkorb, merkliste, schließen"
    ),
    "French": (
        "connexion, se connecter, déconnexion, s['’]inscrire, inscription, abonnez-vous, s['’]abonner, "
        "abonnement, confidentialité, mentions légales, conditions d['’]utilisation, partager, "
        "suivez-nous, lettre d['’]information, voir tout, lire la suite, en savoir plus, "
        "tous droits réservés, publicité, sponsorisé, articles similaires, à lire aussi, rechercher, "
        "aller au contenu, accueil, contactez-nous, nous contacter, qui sommes-nous, à propos, "
        "commentaires?, répondre, chargement, suivant, précédent, retour en haut, télécharger, "
        "mon compte, panier, fermer"
    ),
    "Spanish": (
        "iniciar sesión, cerrar sesión, regístrate, suscríbete, suscripción, privacidad, aviso legal, "
        "términos y condiciones, compartir, síguenos, boletín, ver todos?, leer más, "
        r"todos los derechos reservados, publicidad, patrocinado, relacionad\w*, lo más leído, "
        "más leídas, menú, buscar, ir al contenido, contacto, quiénes somos, sobre nosotros, "
        "comentarios?, responder, cargando, siguiente, volver arriba, descargar, mi cuenta, carrito, "
        "cerrar"
    ),
    "Portuguese": (
        "iniciar sessão, cadastre-se, assine, assinatura, privacidade, compartilhar, partilhar, "
        "siga-nos, leia mais, leia também, todos os direitos reservados, publicidade, mais lidas, "
        "pesquisar, contato, quem somos, comentários, voltar ao topo, baixar, carrinho, fechar"
    ),
    "Italian": (
        "accedi, registrati, iscriviti, abbonati, condividi, seguici, leggi anche, "
        "tutti i diritti riservati, pubblicità, correlati, più letti, cerca, contatti, chi siamo, "
        "commenti, rispondi, successivo, precedente, torna su, scarica, carrello, chiudi"
    ),
    "Dutch": (
        "inloggen, aanmelden, registreren, abonneren, volg ons, nieuwsbrief, lees meer, lees verder, "
        r"alle rechten voorbehouden, advertentie, gesponsord, gerelateerd\w*, zoeken, over ons, reacties, "
        "reageer, volgende, vorige, naar boven, winkelwagen, sluiten"
    ),
    "Polish": (
        "zaloguj(?: się)?, wyloguj, zarejestruj, subskrybuj, prenumerata, polityka prywatności, "
        "udostępnij, obserwuj nas, czytaj więcej, czytaj także, wszelkie prawa zastrzeżone, reklama, "
        r"powiązane, popularne, szukaj, kontakt, o nas, komentarz\w*, odpowiedz, następny, poprzedni, "
        "do góry, pobierz, koszyk, zamknij"
    ),
}
_CHROME_SIGNS = "©®»›"
_CHROME_FRAGMENTS = [fragment for words in _CHROME_WORDS.values() for fragment in words.split(", ")]
# Every alternative starts with one of these letters or a sign: the lookahead skips the positions none
# can start at (spaces, digits, punctuation) before the alternation is tried, a quarter faster.
_CHROME_FIRST_LETTERS = "".join(sorted({fragment[0] for fragment in _CHROME_FRAGMENTS}))
_CHROME_WORD = re.compile(
    rf"(?=[{_CHROME_FIRST_LETTERS}{_CHROME_SIGNS}])"
    rf"(?:\b(?:{first_letter_alternation(_CHROME_FRAGMENTS)})\b|[{_CHROME_SIGNS}])"
)  # matched against lowercased text
_CHROME_MAX_WORDS = 8  # a block in chrome's words is chrome up to this length


def chrome_words(lower: str) -> int:
    """How many of page chrome's words a text holds (`share this:`, `ähnliche beiträge`, `© 2025`), given
    lowercased: the text features have it so already."""
    return len(_CHROME_WORD.findall(lower))


def is_chrome(chrome_word_count: int, word_count: int) -> bool:
    """Whether a block of `word_count` words, `chrome_word_count` of them chrome's, is chrome by its words
    alone: a short block in the vocabulary of page chrome (`Sign in`, `Share`, `© 2025 Example`). Both
    paths read it, each counting words its own way."""
    return chrome_word_count > 0 and word_count <= _CHROME_MAX_WORDS


# A tag as it shows when markup ends up as text: `<div class="ad">`, `</a>`, `<img src=x />`.
MARKUP_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?>")


def markup_share(text: str) -> float:
    """The share of a text's non-space characters that are tags: near 1 for markup read as text."""
    if "<" not in text:
        return 0.0
    chars = len(text) - text.count(" ")
    return sum(len(tag) - tag.count(" ") for tag in MARKUP_TAG.findall(text)) / chars if chars else 0.0


def normalise(text: str) -> str:
    """Case, punctuation and spacing folded: `The Verge | Tech` and `the verge tech` are one text."""
    return " ".join(_WORD_RUN.findall(text.casefold()))


def longest_part(title: str, separator: re.Pattern[str]) -> str:
    """`Headline | Site` -> `Headline`: the longest part of a title split at `separator`."""
    return max(separator.split(title), key=len)


def site_suffix(title: str) -> str | None:
    """`Headline | Site` -> `Site`: the short last part of a title, the site's name (see SITE_SUFFIX)."""
    match = SITE_SUFFIX.match(title.strip())
    return match.group(2).strip() if match else None


def title_site(title: str, headline: str | None) -> str | None:
    """The site's name from a `Headline | Site` title (`site_suffix`), unless that last part is the
    headline's own: the headline itself (a title that is only the headline twice) or the headline's own
    last part (`Nadal wins - again`). Whole parts are compared, not substrings: `Apple unveils … | Apple`
    and `… said it | AI` name their sites."""
    site = site_suffix(title)
    ours, own_end = normalise(site or ""), site_suffix(headline or "")
    if not ours or (headline and fuzz.ratio(ours, normalise(headline)) >= _SAME_HEADLINE):
        return None
    return None if own_end is not None and normalise(own_end) == ours else site


def iso_date(value: str | None) -> str | None:
    """`2025-09-19T15:48Z`, `Sep 19, 2025`, `19 September 2025`, `19. September 2025` or `19.09.2025` as
    `2025-09-19`, the month named in English or another language of the chrome words; None if no date."""
    if not value:
        return None
    if match := _ISO_DATE.search(value):
        year, month, day = (int(part) for part in match.groups())
    elif match := _MONTH_DAY_YEAR.search(value):
        month, day, year = _MONTHS[match.group(1).lower()], int(match.group(2)), int(match.group(3))
    elif match := _DAY_MONTH_YEAR.search(value):
        day, month, year = int(match.group(1)), _MONTHS[match.group(2).lower()], int(match.group(3))
    elif match := _DOTTED_DATE.search(value):
        day, month, year = (int(part) for part in match.groups())
    else:
        return None
    if not 1990 <= year <= 2100:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:  # `31.02.2024`
        return None
