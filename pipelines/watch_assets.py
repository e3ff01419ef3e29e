"""The `watches` asset: after the search index is in line with the records, record for
every bevakning (watch) the documents that are new since its last check, and send the
e-mail digest when `DIARIUM_SMTP_URL` is set.

Plain code in `diarium.watches`; the asset only reports what it did. It takes no archive
lock: the watch database is SQLite with one transaction per watch, and it reads the index
as the last sync committed it.
"""

from dagster import AssetExecutionContext, MaterializeResult, asset

from diarium.watches import store as watch_store
from diarium.watches.check import check_watches
from diarium.watches.mail import MailSettings, send_digests
from pipelines.assets import GROUP, search_index
from pipelines.resources import ArchiveResource, SearchIndexResource


@asset(
    group_name=GROUP,
    deps=[search_index],
    description="Bevakningar: the documents new since each watch's last check that match it "
    "(through the search engine), and the e-mail digest per recipient.",
)
def watches(
    context: AssetExecutionContext, archive: ArchiveResource, search: SearchIndexResource
) -> MaterializeResult:
    store = archive.open()
    if not watch_store.exists(store):
        return MaterializeResult(metadata={"watches": 0})
    backend = search.open(store)
    try:
        summary = check_watches(store, backend)
    finally:
        backend.close()
    metadata = summary.metadata()
    settings = MailSettings.from_env()
    if settings is not None:
        mailed = send_digests(store, settings)
        metadata.update(
            {
                "mail_sent": mailed.sent,
                "mail_documents": mailed.documents,
                "mail_failed": len(mailed.failed),
            }
        )
        for problem in mailed.failed[:20]:
            context.log.warning(f"e-post kunde inte skickas (skickas nästa körning): {problem}")
    context.log.info(f"bevakningar: {metadata}")
    return MaterializeResult(metadata=metadata)
