"""Published filing calendars (征期日历): the ones the product ships, and the ones an admin loads from a directory.

A calendar file is named after its year (`2027.json`, `2027.yaml` or `2027.yml`) and maps each of the twelve
months to its deadline, optionally naming the document it comes from:

    {"document": "税总办征科函〔2026〕NN号", "2027-01": "2027-01-15", ..., "2027-12": "2027-12-15"}

A file in the admin directory replaces the shipped calendar of the same year.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from domain.yamlfile import load_yaml

SUFFIXES = (".json", ".yaml", ".yml")
DOCUMENT_KEY = "document"
SHIPPED_PACKAGE = "domain.calendar.data"


class CalendarFileError(ValueError):
    """A calendar file or directory the product cannot use; the message names the file."""


@dataclass(frozen=True)
class PublishedCalendar:
    year: int
    deadlines: tuple[date, ...]  # index 0 = January
    document: str | None
    origin: str  # "shipped" or the admin file's path

    def deadline(self, month: int) -> date:
        return self.deadlines[month - 1]


def published_calendar(year: int, extra_dir: Path | None = None) -> PublishedCalendar | None:
    """The published calendar of `year`: the admin's file when there is one, else the shipped one, else None."""
    if extra_dir is not None:
        path = admin_file(Path(extra_dir), year)
        if path is not None:
            return read_calendar_file(path)
    return shipped_calendar(year)


@cache
def shipped_calendar(year: int) -> PublishedCalendar | None:
    resource = resources.files(SHIPPED_PACKAGE).joinpath(f"{year}.json")
    if not resource.is_file():
        return None
    raw = json.loads(resource.read_text(encoding="utf-8"))
    return parse_calendar(year, raw, origin="shipped", label=f"{SHIPPED_PACKAGE}/{year}.json")


def admin_file(directory: Path, year: int) -> Path | None:
    """The admin's file for `year` in `directory`; an error when the directory is missing or the year ambiguous."""
    if not directory.is_dir():
        raise CalendarFileError(
            f"{directory}: 征期日历目录不存在 (tax calendar directory not found — ZHANGFANG_TAX_CALENDAR_DIR)"
        )
    found = [directory / f"{year}{suffix}" for suffix in SUFFIXES if (directory / f"{year}{suffix}").is_file()]
    if len(found) > 1:
        names = ", ".join(str(p) for p in found)
        raise CalendarFileError(f"{names}: 同一年份有多个征期文件，请只保留一个 (more than one file for {year})")
    return found[0] if found else None


def read_calendar_file(path: Path) -> PublishedCalendar:
    """Read and validate one calendar file; the year comes from the file name."""
    match = re.fullmatch(r"(\d{4})\.(json|ya?ml)", path.name)
    if match is None:
        raise CalendarFileError(f"{path}: 文件名应为 YYYY.json 或 YYYY.yaml (file name must be YYYY.json or YYYY.yaml)")
    try:
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text) if path.suffix == ".json" else load_yaml(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CalendarFileError(f"{path}: 无法读取或解析 (cannot read or parse: {reason})") from None
    return parse_calendar(int(match.group(1)), raw, origin=str(path), label=str(path))


def parse_calendar(year: int, raw: object, *, origin: str, label: str) -> PublishedCalendar:
    """Validate a calendar mapping: exactly the twelve months of `year`, each deadline inside its month."""
    if not isinstance(raw, dict):
        raise CalendarFileError(
            f'{label}: 应为 {{"{year}-01": "{year}-01-15", …}} 形式的映射 (expected a mapping of month to date)'
        )
    entries = {str(key): value for key, value in raw.items()}
    document = entries.pop(DOCUMENT_KEY, None)
    problems = _key_problems(year, set(entries))
    deadlines: list[date] = []
    for month in range(1, 13):
        key = f"{year}-{month:02d}"
        if key in entries:
            day, problem = _deadline_in_month(key, entries[key], year, month)
            problems += [problem] if problem else []
            deadlines += [day] if day else []
    if problems:
        raise CalendarFileError(f"{label}: " + "; ".join(problems))
    return PublishedCalendar(year, tuple(deadlines), str(document) if document else None, origin)


def _key_problems(year: int, keys: set[str]) -> list[str]:
    expected = {f"{year}-{month:02d}" for month in range(1, 13)}
    problems = []
    if missing := sorted(expected - keys):
        problems.append(f"缺少月份 {', '.join(missing)} (missing months)")
    if unexpected := sorted(keys - expected):
        problems.append(f"无法识别的键 {', '.join(unexpected)} (unexpected keys; months must be {year}-01…{year}-12)")
    return problems


def _deadline_in_month(key: str, value: object, year: int, month: int) -> tuple[date | None, str | None]:
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError:
            return None, f"{key} 的日期无效 {value!r} (not a YYYY-MM-DD date)"
    if (day.year, day.month) != (year, month):
        return None, f"{key} 的截止日 {day.isoformat()} 不在该月内 (deadline outside its month)"
    return day, None
