"""`gongkai check` with the quality checks: --previous (XY-JUMP, DUP-TEXT), --peers (PEER-RANGE,
DUP-TEXT against the other files), and the 内容雷同 summary of a folder."""

from __future__ import annotations

from pathlib import Path

from gongkai.annual import Report
from gongkai.cli import main

from .test_checks import _previous, make_report, set_row

# texts of their own: different words, not one template filled in (a template is 内容雷同 too)
OWN = (
    "本年度以数据开放为重点，上线统计数据查询系统，全年发布开放数据集四十个，邀请企业代表座谈三次。",
    "我们把规范性文件清理作为头等大事，逐件核对效力状态，废止过时文件，并在网站集中公布清理结果。",
    "围绕乡村振兴，开设惠农政策专栏，以图表和短视频解读补贴标准，村务公开栏每月更新一回。",
    "今年重点改版门户网站，栏目从六十个压缩为二十个，搜索功能接入全文检索，群众留言三日内回复。",
    "依申请公开实行首问负责，建立疑难申请会商机制，与法律顾问共同研判，答复文书统一模板。",
    "政务新媒体账号由七个整合为两个，关停长期不更新的账号，微信公众号每周推送政策问答。",
    "重大行政决策事前公开征求意见，全年发布征求意见稿九件，采纳合理建议二十余条并反馈采纳情况。",
    "财政预决算和三公经费按时公开，细化到项级科目，配发通俗说明，接受社会监督。",
    "开展政务公开进基层活动，在便民服务中心设置查阅点，配备自助查询终端两台，全年接待查阅百余人次。",
    "建立信息发布三级审核，保密审查前置，全年未发生泄密和错发事件，考核结果纳入科室年度评价。",
    "推进决策、执行、管理、服务、结果五公开，编制本部门公开事项标准目录，逐项明确责任人和时限。",
    "医保报销政策解读通过广播、海报和入户宣讲三种方式开展，覆盖全部行政村，群众知晓率明显提高。",
)
PROBLEMS = (
    "问题是人手不足，明年增设专岗。",
    "问题在于解读形式单一，将增加图解。",
    "网站栏目更新偏慢，下一步按周检查。",
    "依申请答复文书不够规范，计划统一模板。",
    "新媒体互动不足，拟开设留言板。",
    "基层公开覆盖不全，将延伸到村组。",
    "征求意见反馈不及时，将限期反馈。",
    "预决算说明不够通俗，将配发图解。",
    "查阅点利用率不高，将加强宣传。",
    "审核流程偏长，将精简环节。",
    "目录更新滞后，将按季更新。",
    "宣讲覆盖不均，将轮流下乡。",
)


def _write(folder: Path, name: str, report: Report) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(report.dumps(), encoding="utf-8")
    return path


def _own_words(report: Report, i: int) -> Report:
    report.sections["overview"] = OWN[i]
    report.sections["problems"] = PROBLEMS[i]
    return report


def test_a_folder_gets_a_summary_of_its_most_similar_pairs(tmp_path, capsys):
    folder = tmp_path / "reports"
    _write(folder, "a", _own_words(make_report(name="某县甲局"), 1))
    _write(folder, "b", _own_words(make_report(name="某县乙局"), 2))
    copied = _own_words(make_report(name="某县丙局"), 3)
    copied.sections["overview"] = OWN[1]
    _write(folder, "c", copied)
    main(["check", str(folder)])
    out = capsys.readouterr().out
    summary = out[out.index("内容雷同：") :].splitlines()
    assert len(summary) == 3 and summary[-1].startswith("共 3 个文件"), summary  # a ↔ c only
    assert "a.json ↔" in summary[1] and "c.json" in summary[1]
    main(["check", str(folder), "--lang", "en"])
    assert "Similar text: files sharing at least 50%" in capsys.readouterr().out


def test_the_summary_says_so_when_nothing_is_similar(tmp_path, capsys):
    folder = tmp_path / "reports"
    for i, name in enumerate(("某县甲局", "某县乙局")):
        _write(folder, name, _own_words(make_report(name=name), i))
    main(["check", str(folder)])
    assert "内容雷同：各文件正文（一至五部分）相互之间相同的比例均低于 50%" in capsys.readouterr().out


def test_peers_are_the_other_files_of_the_run(tmp_path, capsys):
    folder = tmp_path / "reports"
    for i in range(9):
        report = _own_words(make_report(name=f"某县第{i}局"), i)
        set_row(report, "new_received", 9 + i % 4, 1)
        set_row(report, "r_open", 5 + i % 4, 1)
        _write(folder, f"p{i}", report)
    outlier = _own_words(make_report(name="某县大局"), 11)
    set_row(outlier, "new_received", 499, 1)
    set_row(outlier, "r_open", 495, 1)
    set_row(outlier, "r_total", 498, 1)
    _write(folder, "z", outlier)
    main(["check", str(folder)])
    assert "PEER-RANGE" not in capsys.readouterr().out  # without --peers: no peer comparison
    main(["check", str(folder), "--peers"])
    out = capsys.readouterr().out
    flagged = [line for line in out.splitlines() if "PEER-RANGE" in line and "警告" in line]
    assert flagged and all("表三" in line for line in flagged)
    block = out[out.index("z.json") :]
    assert "高于同类机关（9个，县级政府部门）的上四分位数" in block.split("\n✓")[0].split("\n✗")[0]


def test_previous_brings_the_jump_and_copy_checks(tmp_path, capsys):
    previous = _previous()
    previous.tables["art20_6"].set("admin_penalty", "decisions", 100)
    report = make_report()
    report.tables["art20_6"].set("admin_penalty", "decisions", 1200)
    report.sections.update(overview=previous.sections["overview"], problems=previous.sections["problems"])
    last = _write(tmp_path, "2022", previous)
    this = _write(tmp_path, "2023", report)
    main(["check", str(this), "--previous", str(last)])
    out = capsys.readouterr().out
    assert "XY-JUMP" in out and "增至上年的 12 倍" in out
    assert "DUP-TEXT" in out and "与 2022 年度报告相同" in out
    assert "内容雷同：" not in out  # one file: no summary


def test_a_run_too_large_to_compare_pairwise_says_so(tmp_path, capsys, monkeypatch):
    import gongkai.cli.annual as cli

    monkeypatch.setattr(cli, "SIMILAR_MAX_FILES", 2)
    folder = tmp_path / "reports"
    for i, name in enumerate(("某县甲局", "某县乙局", "某县丙局")):
        _write(folder, name, _own_words(make_report(name=name), i))
    main(["check", str(folder)])
    assert "内容雷同：文件超过 2 个，未作两两比较" in capsys.readouterr().out
