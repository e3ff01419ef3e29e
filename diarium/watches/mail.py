"""The e-mail digest: after a run, one message per recipient with the new documents of all
their watches, sent through the SMTP server that `DIARIUM_SMTP_URL` names.

Settings (environment, read in `diarium.settings`):

- `DIARIUM_SMTP_URL`: `smtp://[user:password@]host[:port]` (STARTTLS when the server offers
  it, unless `?starttls=0`), or `smtps://…` (TLS from the start). Unset: no e-mail.
- `DIARIUM_SMTP_FROM`: the sender (default `diarium@<host of the machine>`).
- `DIARIUM_PUBLIC_URL`: where the web page is reached, for the links in the e-mail
  (default `http://localhost:8000`).

What was sent to whom is recorded (`watch_deliveries`) only after the server accepted the
message, so a server that is down loses nothing (the next run sends it) and a document is
never sent twice to the same person.
"""

from __future__ import annotations

import html
import smtplib
import socket
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

from diarium import settings as app_settings
from diarium.archive import Archive
from diarium.watches.atom import describe_hit, public_source
from diarium.watches.check import mask_personnummer
from diarium.watches.store import Watch, WatchHit, WatchStore

DEFAULT_PUBLIC_URL = "http://localhost:8000"
TIMEOUT_SECONDS = 30.0


class MailSettingsError(ValueError):
    """DIARIUM_SMTP_URL cannot be read; the message is one Swedish sentence."""


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    tls: bool = False  # smtps: TLS from the first byte
    starttls: bool = True  # upgrade when the server offers it
    user: str | None = None
    password: str | None = None
    sender: str = ""
    public_url: str = DEFAULT_PUBLIC_URL

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> MailSettings | None:
        """The settings in the environment, or None when no SMTP server is configured.

        >>> s = MailSettings.from_env({"DIARIUM_SMTP_URL": "smtp://u:p%40ss@127.0.0.1:2525"})
        >>> (s.host, s.port, s.user, s.password, s.tls)
        ('127.0.0.1', 2525, 'u', 'p@ss', False)
        >>> MailSettings.from_env({}) is None
        True
        """
        url = app_settings.smtp_url(env)
        if not url:
            return None
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailSettingsError(
                "DIARIUM_SMTP_URL ska se ut som smtp://användare:lösenord@värd:port "
                "(eller smtps://…)."
            )
        try:
            port = parts.port or (465 if parts.scheme == "smtps" else 25)
        except ValueError as error:
            raise MailSettingsError("DIARIUM_SMTP_URL har ett ogiltigt portnummer.") from error
        options = parse_qs(parts.query)
        starttls = (options.get("starttls", ["1"])[0]).lower() not in ("0", "false", "nej", "no")
        sender = app_settings.smtp_from(env) or default_sender()
        return cls(
            host=parts.hostname,
            port=port,
            tls=parts.scheme == "smtps",
            starttls=starttls,
            user=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            sender=sender,
            public_url=(app_settings.public_url(env) or DEFAULT_PUBLIC_URL).rstrip("/"),
        )


def default_sender() -> str:
    return f"diarium@{socket.getfqdn()}"


@dataclass
class MailSummary:
    recipients: int = 0
    sent: int = 0
    documents: int = 0
    failed: list[str] = field(default_factory=list)  # "recipient: reason"


def digest(
    recipient: str, items: Sequence[tuple[Watch, WatchHit]], settings: MailSettings
) -> EmailMessage:
    """One message with the new documents of every watch of `recipient`, in Swedish, as
    plain text and HTML."""
    by_watch: dict[str, tuple[Watch, list[WatchHit]]] = {}
    for watch, hit in items:
        by_watch.setdefault(watch.id, (watch, []))[1].append(hit)
    count = len(items)
    base = settings.public_url
    message = EmailMessage()
    message["Subject"] = (
        f"Diarium: {count} {'nytt dokument' if count == 1 else 'nya dokument'} i dina bevakningar"
    )
    message["From"] = settings.sender or default_sender()
    message["To"] = recipient
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="diarium")
    text = ["Nya dokument i Diarium sedan förra sammanställningen.", ""]
    markup = [
        '<html lang="sv"><body>',
        "<p>Nya dokument i Diarium sedan förra sammanställningen.</p>",
    ]
    for watch, hits in by_watch.values():
        page = f"{base}/bevakning/{watch.id}"
        text += [f"Bevakning: {watch.name} ({watch.describe()})", page, ""]
        markup.append(
            f'<h2><a href="{html.escape(page)}">{html.escape(watch.name)}</a></h2>'
            f"<p>{html.escape(watch.describe())}</p><ul>"
        )
        for hit in hits:
            link = f"{base}/dokument/{hit.document_id}"
            title = mask_personnummer(hit.title or public_source(hit.source))
            snippet = mask_personnummer(hit.snippet)
            plain = html.unescape(snippet.replace("<mark>", "").replace("</mark>", ""))
            text += [f"- {title}", f"  {describe_hit(hit)}", f"  {plain}", f"  {link}", ""]
            markup.append(
                f'<li><a href="{html.escape(link)}">{html.escape(title)}</a><br>'
                f"{html.escape(describe_hit(hit))}<br>{snippet}</li>"
            )
        markup.append("</ul>")
    text.append("Bevakningarna ändras på webbsidan eller med `diarium watch`.")
    markup.append("<p>Bevakningarna ändras på webbsidan eller med <code>diarium watch</code>.</p>")
    markup.append("</body></html>")
    message.set_content("\n".join(text))
    message.add_alternative("".join(markup), subtype="html")
    return message


def _connect(settings: MailSettings) -> smtplib.SMTP:
    if settings.tls:
        return smtplib.SMTP_SSL(
            settings.host,
            settings.port,
            timeout=TIMEOUT_SECONDS,
            context=ssl.create_default_context(),
        )
    client = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_SECONDS)
    client.ehlo()
    if settings.starttls and client.has_extn("starttls"):
        client.starttls(context=ssl.create_default_context())
        client.ehlo()
    return client


def send_digests(archive: Archive, settings: MailSettings | None = None) -> MailSummary:
    """Send every recipient what they have not been sent yet; record what the server took."""
    summary = MailSummary()
    settings = settings or MailSettings.from_env()
    if settings is None:
        return summary
    with WatchStore.open(archive) as store:
        pending = store.undelivered()
        if not pending:
            return summary
        summary.recipients = len(pending)
        try:
            client = _connect(settings)
        except (OSError, smtplib.SMTPException) as error:
            summary.failed = [f"{r}: {_reason(error)}" for r in pending]
            return summary
        try:
            if settings.user:
                client.login(settings.user, settings.password or "")
            for recipient, items in sorted(pending.items()):
                try:
                    client.send_message(digest(recipient, items, settings))
                except (OSError, smtplib.SMTPException) as error:
                    summary.failed.append(f"{recipient}: {_reason(error)}")
                    continue
                store.delivered(recipient, items)
                summary.sent += 1
                summary.documents += len(items)
        except (OSError, smtplib.SMTPException) as error:
            summary.failed.append(f"inloggning: {_reason(error)}")
        finally:
            try:
                client.quit()
            except (OSError, smtplib.SMTPException):
                client.close()
    return summary


def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {(str(error).splitlines() or [''])[0]}"
