"""The scheduler inside `zhangfang serve` (APScheduler 3, BackgroundScheduler).

Three jobs:
- plan — at the firm-local times in ZHANGFANG_PLAN_TIMES (default: the reminder settings' run_time and digest.at,
  both 08:30): run the planners for that moment, queue their drafts in the outbox, then deliver. The job is kept
  in the product's database (SQLAlchemyJobStore, table apscheduler_jobs), so a run missed while the server was
  down is caught up when it starts again — ONCE (coalesce), and only within PLAN_GRACE; the planners get the
  scheduled moment (e.g. 08:30), not the late start.
- send — every ZHANGFANG_SEND_INTERVAL_SECONDS: deliver what is due (retries, messages held by quiet hours or rate
  limits). It lives in memory: nothing to catch up, the outbox itself remembers.
- prune — at start and every 6 hours: forget processed platform events older than three days (bot/dedup.py).

Several `serve` processes may share one PostgreSQL database: every one delivers (claims cannot overlap), but only
the holder of a session advisory lock plans — the others try again every minute and take over when it goes away.
On SQLite, run one `serve` per database.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.combining import OrTrigger
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Connection, text

from bot.dedup import KEEP, forget_old
from bot.jobs.runner import Planner, run_moment
from bot.pacing import plan_times
from bot.senders import SenderRegistry
from bot.sending import OutboxSender

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)

PLAN_JOB, SEND_JOB, LEAD_JOB = "zhangfang.plan", "zhangfang.send", "zhangfang.lead"
BACKUP_JOB = "zhangfang.backup"
PRUNE_JOB = "zhangfang.prune"
PRUNE_INTERVAL_HOURS = 6
PLAN_LOCK = 0x5A46504C  # "ZFPL": with the schema's hash, the PostgreSQL advisory lock whose holder plans
# (one lock per schema, so firms — or test runs — sharing a database each get their own planner)
TAKE_LOCK = "SELECT pg_try_advisory_lock(:key, hashtext(current_schema()))"
DROP_LOCK = "SELECT pg_advisory_unlock(:key, hashtext(current_schema()))"
PLAN_GRACE = timedelta(hours=12)  # a plan run missed by more than this is skipped, not caught up
LEAD_INTERVAL_SECONDS = 60
JOBS_TABLE = "apscheduler_jobs"

_RUNNING: dict[str, JobScheduler] = {}  # name → the started scheduler, for the persisted job's reference


def _plan(name: str) -> None:
    """The persisted plan job (stored by reference: bot.scheduler:_plan)."""
    running = _RUNNING.get(name)
    if running is None:
        log.warning("plan job fired for %r, which is not running here", name)
        return
    running.plan()


def plan_trigger(app: App) -> BaseTrigger:
    """Fires at each ZHANGFANG_PLAN_TIMES time, firm-local — by default the reminder settings' `run_time` and
    `digest.at` (both 08:30 out of the box), so that the run the planners expect is the one that happens."""
    times = plan_times(app.settings)
    if not times:
        from bot.jobs.settings import reminder_settings

        reminders = reminder_settings(app)
        times = sorted({reminders.run_time, reminders.digest.at})
    triggers = [CronTrigger(hour=t.hour, minute=t.minute, timezone=app.settings.tz) for t in times]
    return triggers[0] if len(triggers) == 1 else OrTrigger(triggers)


def backup_trigger(app: App) -> CronTrigger:
    """Every night at ZHANGFANG_BACKUP_TIME, firm-local."""
    hour, minute = (int(part) for part in app.settings.backup_time.split(":"))
    return CronTrigger(hour=hour, minute=minute, timezone=app.settings.tz)


def latest_fire_time(trigger: BaseTrigger, now: datetime, grace: timedelta = PLAN_GRACE) -> datetime | None:
    """The trigger's last scheduled time at or before `now` (within `grace`): the moment a late run stands for."""
    latest = None
    fire = trigger.get_next_fire_time(None, now - grace)
    while fire is not None and fire <= now:
        latest = fire
        fire = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
    return latest


class JobScheduler:
    """Starts and stops the jobs for one App. `planner`, `senders` and `trigger` default to the product's own."""

    def __init__(self, app: App, *, planner: Planner | None = None, senders: SenderRegistry | None = None,
                 trigger: BaseTrigger | None = None, name: str = "zhangfang") -> None:
        self.app = app
        self.planner = planner
        self.senders = senders or SenderRegistry(app)
        self.trigger = trigger or plan_trigger(app)
        self.name = name
        self.worker = f"{name}-{uuid.uuid4().hex[:8]}"
        self.scheduler = BackgroundScheduler(timezone=app.settings.tz,
                                             job_defaults={"coalesce": True, "max_instances": 1})
        self.leading = False
        self._lock: Connection | None = None

    def start(self) -> JobScheduler:
        _RUNNING[self.name] = self
        logging.getLogger("apscheduler.executors.default").setLevel(logging.WARNING)  # not a line per send pass
        self.scheduler.start()
        every = self.app.settings.send_interval_seconds
        self.scheduler.add_job(self.send, "interval", seconds=every, id=SEND_JOB, misfire_grace_time=every)
        self.scheduler.add_job(self.try_to_lead, "interval", seconds=LEAD_INTERVAL_SECONDS, id=LEAD_JOB)
        if self.app.settings.backup_enabled:
            self.scheduler.add_job(self.backup, backup_trigger(self.app), id=BACKUP_JOB, misfire_grace_time=3600)
        self.scheduler.add_job(self.prune, "interval", hours=PRUNE_INTERVAL_HOURS, id=PRUNE_JOB,
                               next_run_time=datetime.now(self.app.settings.tz))  # once at start, then every 6 h
        self.try_to_lead()
        log.info("scheduler started (%s): plans %s%s", self.worker, self.trigger,
                 "" if self.leading else " — another process plans; this one delivers")
        return self

    def shutdown(self) -> None:
        if self.leading:  # detach the stored jobs first: APScheduler's last pass on shutdown would skip a due run
            self.scheduler.remove_jobstore("db")
        self.scheduler.shutdown(wait=True)
        self.leading = False
        self._release_lock()
        if _RUNNING.get(self.name) is self:
            del _RUNNING[self.name]

    # -- leadership ----------------------------------------------------------------------------------------------
    def try_to_lead(self) -> bool:
        """Become the planning process when nobody else is (PostgreSQL advisory lock; always on SQLite)."""
        if self.leading and not self._lock_alive():
            self._step_down()
        if self.leading or not self._take_lock():
            return self.leading
        self.scheduler.pause()  # settle the stored plan job before it can run
        try:
            self.scheduler.add_jobstore(SQLAlchemyJobStore(engine=self.app.engine, tablename=JOBS_TABLE), alias="db")
            self._ensure_plan_job()
        finally:
            self.scheduler.resume()
        self.leading = True
        return True

    def _take_lock(self) -> bool:
        if self.app.engine.dialect.name != "postgresql":
            return True
        connection = self.app.engine.connect()
        got = bool(connection.execute(text(TAKE_LOCK), {"key": PLAN_LOCK}).scalar())
        connection.commit()  # the session-level lock outlives the transaction
        if got:
            self._lock = connection
        else:
            connection.close()
        return got

    def _lock_alive(self) -> bool:
        """Whether the connection holding the advisory lock still stands (a database restart drops it)."""
        if self._lock is None:
            return True
        try:
            self._lock.execute(text("SELECT 1"))
            self._lock.commit()
        except Exception:
            log.warning("lost the planning lock's database connection; planning stops here until it is retaken")
            return False
        return True

    def _step_down(self) -> None:
        self.scheduler.remove_jobstore("db")
        self.leading = False
        self._release_lock()

    def _release_lock(self) -> None:
        """Unlock and close (closing the session alone would release it; a dead connection holds nothing)."""
        lock, self._lock = self._lock, None
        if lock is None:
            return
        with contextlib.suppress(Exception):
            lock.execute(text(DROP_LOCK), {"key": PLAN_LOCK})
            lock.commit()
        with contextlib.suppress(Exception):
            lock.close()

    def _ensure_plan_job(self) -> None:
        """Keep the stored plan job (and its next run time, so a missed run is caught up); replace it when the
        plan times changed, still catching up a run that was due."""
        stored = self.scheduler.get_job(PLAN_JOB, jobstore="db")
        if stored is not None and str(stored.trigger) == str(self.trigger) and list(stored.args) == [self.name]:
            return
        options = {"next_run_time": stored.next_run_time} if stored is not None and stored.next_run_time else {}
        self.scheduler.add_job(_plan, self.trigger, args=[self.name], id=PLAN_JOB, jobstore="db",
                               replace_existing=True, misfire_grace_time=int(PLAN_GRACE.total_seconds()), **options)

    # -- the jobs ------------------------------------------------------------------------------------------------
    def plan(self) -> None:
        now = self.app.clock.now()
        moment = latest_fire_time(self.trigger, now) or now
        report = run_moment(self.app, moment, planner=self.planner, deliver=False)
        totals = report.totals()
        log.info("planned %s: %d drafts, %d queued, %d already queued or sent", moment.isoformat(), totals.planned,
                 totals.queued, totals.already_sent + totals.already_queued)
        self.send()

    def backup(self) -> None:
        """The nightly backup (bot/backup/nightly.py), taken by the planning process only."""
        if not self.leading:
            return
        from bot.backup.nightly import nightly_backup

        nightly_backup(self.app)

    def prune(self) -> None:
        """Forget processed platform events older than the retry horizon (bot/dedup.py), so the table stays small."""
        try:
            dropped = forget_old(self.app)
        except Exception as exc:  # a locked database: the next pass will do it
            log.warning("could not prune processed events (%s)", type(exc).__name__)
            return
        if dropped:
            log.info("forgot %d processed platform events older than %s", dropped, KEEP)

    def send(self) -> None:
        budget = self.app.settings.send_interval_seconds * 0.8
        report = OutboxSender(self.app, self.senders, worker=self.worker).drain(self.app.clock.now, max_wait=2.0,
                                                                               budget=budget)
        if report.outcomes:
            log.info("outbox: %d sent, %d retrying, %d failed, %d waiting for a slot", report.count("sent"),
                     report.count("retrying"), report.count("failed"), report.count("rate_limited"))


def start_scheduler(app: App) -> JobScheduler | None:
    """What `zhangfang serve` starts (None when ZHANGFANG_SCHEDULER_ENABLED is off)."""
    if not app.settings.scheduler_enabled:
        return None
    return JobScheduler(app).start()
