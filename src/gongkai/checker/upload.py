"""What an upload holds: the files picked in the browser, and the reports inside a .zip — within the
limits (number of files, total size, a zip's entries and unpacked size), so that a hostile or
mistaken upload (a zip bomb) is refused with a Chinese message before anything is stored.

Windows' zip tools write names in GBK without the UTF-8 flag; Python reads such names as cp437
(mojibake), so they are decoded again here."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings

from gongkai.annual.readers import EXTENSIONS, MAX_BYTES

UTF8_FLAG = 0x800


class UploadRefused(Exception):
    """The upload as a whole is refused; the message says why, in Chinese."""


@dataclass(frozen=True)
class Limits:
    files: int  # report files in one batch
    total_bytes: int  # all of them together, unpacked
    zip_entries: int  # entries in one zip (folders and non-reports included)
    zip_ratio: int  # unpacked / packed size of one entry above which it is a bomb, not a report

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            settings.GONGKAI_CHECKER_MAX_FILES,
            settings.GONGKAI_CHECKER_MAX_BYTES,
            settings.GONGKAI_CHECKER_ZIP_MAX_ENTRIES,
            settings.GONGKAI_CHECKER_ZIP_MAX_RATIO,
        )


@dataclass
class Incoming:
    name: str
    data: bytes


@dataclass
class Collected:
    files: list[Incoming] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # names in zips that are not reports
    total: int = 0


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def zip_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its author wrote it: UTF-8 when flagged (or when the bytes are valid
    UTF-8, as some tools write without the flag), else GBK (GB18030, its superset)."""
    if info.flag_bits & UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _is_report(name: str) -> bool:
    path = PurePosixPath(name)
    if any(part.startswith(".") or part == "__MACOSX" for part in path.parts):
        return False
    return path.suffix.lower() in EXTENSIONS


class Collector:
    """Takes the uploaded files one by one and hands each report to ``sink(name, data)`` (the batch
    stores it at once, so only one file is in memory at a time); by default they are kept in
    ``out.files``."""

    def __init__(self, limits: Limits | None = None, sink=None):
        self.limits = limits or Limits.from_settings()
        self.out = Collected()
        self.count = 0
        self.sink = sink or (lambda name, data: self.out.files.append(Incoming(name, data)))

    def _add(self, name: str, data: bytes) -> None:
        limits = self.limits
        if self.count >= limits.files:
            raise UploadRefused(f"文件过多：一次最多检查 {limits.files} 个文件，请分批上传。")
        if len(data) > MAX_BYTES:
            raise UploadRefused(f"“{name}”过大（{_mb(len(data))}），单个报告不能超过 {_mb(MAX_BYTES)}。")
        self.out.total += len(data)
        if self.out.total > limits.total_bytes:
            raise UploadRefused(f"文件总大小超过 {_mb(limits.total_bytes)} 上限，请分批上传。")
        self.count += 1
        self.sink(name, data)

    def add_file(self, name: str, data: bytes) -> None:
        if name.lower().endswith(".zip"):
            self.add_zip(name, data)
        else:
            self._add(name, data)

    def add_zip(self, name: str, data: bytes) -> None:
        import io

        limits = self.limits
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError):
            raise UploadRefused(f"“{name}”不是有效的 ZIP 压缩包（可能已损坏），无法解压。") from None
        with archive:
            entries = archive.infolist()
            if len(entries) > limits.zip_entries:
                raise UploadRefused(
                    f"“{name}”内有 {len(entries)} 个条目，超过 {limits.zip_entries} 个上限，请分批上传。"
                )
            reports = []
            for info in entries:
                if info.is_dir():
                    continue
                entry = zip_name(info)
                if not _is_report(entry):
                    self.out.skipped.append(f"{name}/{entry}")
                    continue
                reports.append((entry, info))
            # What the zip says it unpacks to, checked before unpacking anything.
            declared = self.out.total + sum(info.file_size for _, info in reports)
            if declared > limits.total_bytes or any(
                info.file_size > MAX_BYTES
                or info.file_size > limits.zip_ratio * max(info.compress_size, 1) + 1024 * 1024
                for _, info in reports
            ):
                raise UploadRefused(
                    f"“{name}”解压后过大（超过 {_mb(limits.total_bytes)} 上限，或压缩比异常），"
                    "疑似“压缩炸弹”，已拒绝。"
                )
            for entry, info in reports:
                if info.flag_bits & 0x1:
                    raise UploadRefused(f"“{name}”中的“{entry}”已加密，请上传未加密的压缩包。")
                try:
                    with archive.open(info) as fh:
                        content = fh.read(info.file_size + 1)  # never more than it declared
                except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
                    raise UploadRefused(f"“{name}”中的“{entry}”已损坏，无法解压。") from None
                if len(content) > info.file_size:
                    raise UploadRefused(f"“{name}”中的“{entry}”实际大小与声明不符，疑似“压缩炸弹”，已拒绝。")
                self._add(f"{PurePosixPath(name).stem}/{entry}", content)


def collect(uploads, limits: Limits | None = None, sink=None) -> Collected:
    """The reports in ``uploads`` (pairs of name and bytes, or Django's uploaded files), each given
    to ``sink`` (see ``Collector``); UploadRefused when the upload breaks a limit or holds none."""
    collector = Collector(limits, sink)
    for upload in uploads:
        if isinstance(upload, tuple):
            name, data = upload
        else:
            name = upload.name
            if upload.size > max(collector.limits.total_bytes, MAX_BYTES):
                raise UploadRefused(f"“{name}”过大，超过上传上限。")
            data = upload.read()
        collector.add_file(name, data)
    if not collector.count:
        raise UploadRefused(
            "没有可检查的报告文件（支持 .txt .md .html .docx .xlsx .pdf .json 及其 .zip 压缩包）。"
        )
    return collector.out
