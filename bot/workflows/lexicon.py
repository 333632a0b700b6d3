"""The words of workflow commands and questions, in Chinese and English, and what each one signals.

Tags: `wf.<signal>` for the verbs and nouns below; `svc.<template>` for a service (代理记账, 汇算清缴 …) and
`stage.<template>.<key>` for a stage (纳税申报, 报税 …), both built from the firm's templates (their names and
aliases), so a firm's own template is understood with no code change. Surfaces are written as
`bot.understand.text.normalize` leaves them. Confirmation words are matched only as the whole message.
"""

from __future__ import annotations

from bot.understand.text import normalize
from domain.workflows.templates import Templates


def _zh(words: str) -> tuple[str, ...]:
    return tuple(words.split())


def _en(phrases: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in phrases.split("|") if p.strip())


SIGNALS: dict[str, tuple[str, ...]] = {
    "done": _zh("完成 完成了 已完成 已经完成 做完 做完了 已做完 搞定 搞定了 弄完了 处理完 处理完了 "
                "处理完成 办完 办完了 已办完 完毕 已完毕 结束了 报完了 报完 已申报 申报完了 申报完成")
    + _en("done|is done|are done|complete|completed|finished|is finished|mark done|mark as done|mark complete|"
          "mark as complete|mark completed|mark finished"),
    "transfer": _zh("转给 转交给 转交 交给 改由 改给 分给 分配给 转到 移交给 移交 换给 调给")
    + _en("reassign|reassign to|hand over to|hand to|assign to|transfer to|give to|move to|pass to|hand over"),
    "wait": _zh("等客户 在等客户 等待客户 等客户资料 等客户提供 等客户确认 等待客户确认 等待客户提供 "
                "等待客户资料 卡在客户 客户没给 客户还没给 客户未提供")
    + _en("waiting on client|waiting on the client|waiting for client|waiting for the client|waiting on customer|"
          "blocked on client|blocked on the client|on hold for client|waiting on them"),
    "progress": _zh("卡在哪一步 卡在哪 卡在哪里 卡住 到哪一步 到哪一步了 到哪了 做到哪了 做到哪一步 "
                    "做到哪 哪一步 进度 进展 进行到哪 进行到哪一步 在哪个阶段 哪个阶段 什么阶段 走到哪")
    + _en("where is|where are we on|stuck|progress|what stage|which stage|how far|at what stage|how far along"),
    "progress_weak": _zh("状态 情况 怎么样了") + _en("status"),
    "who_did": _zh("谁做的 谁做 谁办的 谁处理的 谁完成的 谁弄的 是谁做的 谁经手 经手人 谁负责的 谁报的 谁申报的 "
                   "操作记录 流程记录 办理记录 流程动态")
    + _en("who did|who handled|who completed|who worked on|who processed|who filed|audit trail|workflow history"),
    "not_yet": _zh("还没 还没有 没有 没 未 尚未 还未 仍未") + _en("not yet|havent|hasnt|have not|has not|not|yet to|"
                                                                "still need to|didnt|did not|still to"),
    "overdue": _zh("超时 超时了 逾期 逾期了 过期 延误 延期 拖延 超期 误期 过了截止日")
    + _en("overdue|late|past due|behind|behind schedule|missed|running late"),
    "task": _zh("任务 待办 待办事项 待做 工作 事项 阶段 环节 流程")
    + _en("task|tasks|todo|todos|to do|to dos|open tasks|work items|stages|stage|jobs|workflow|workflows"),
    "on_time": _zh("准时率 按时率 及时率 按时完成率 按期完成率 准时完成率 准时交付率 按时交付率 交付准时率 准时交付 "
                   "按时交付 准时 按时")
    + _en("on time rate|on time rates|on time|ontime|punctuality|on time percentage|on time delivery rate|"
          "on time delivery|delivery on time rate"),
    "cycle": _zh("周期 平均周期 平均用时 用时 花多久 多久完成 平均多久 耗时 平均耗时 处理周期 办理周期")
    + _en("cycle time|cycle times|average cycle|average cycle time|average cycle times|turnaround|turnaround time|"
          "how long|average time"),
    "load": _zh("工作量 负载 负荷 任务量 待办数 待办数量 任务数") + _en("workload|load|busiest|most open tasks"),
    "by_stage": _zh("按阶段 各阶段 每个阶段 分阶段 各环节 按环节") + _en("by stage|per stage|each stage"),
    "by_service": _zh("按服务 各服务 每种服务 每个服务 各项服务 按业务 各业务")
    + _en("per service|by service|each service|per workflow|by workflow"),
    "by_staff": _zh("按员工 各员工 每个人 每人 各人 按人 每位员工 每位同事 各位同事")
    + _en("by staff|per staff|per person|by person|each person|per employee|by employee|by staff member"),
}
CONFIRM = {normalize(w) for w in _zh("确认 确定 确认执行 是的 对 好的 好 可以 行") + _en("confirm|yes|y|ok|okay|sure")}
CANCEL = {normalize(w) for w in _zh("取消 算了 不用了 不要 不 否 放弃") + _en("cancel|no|n|never mind|abort")}
STRONG_CONFIRM = {normalize(w) for w in ("确认", "confirm", "取消", "cancel")}  # answered even with nothing pending


def workflow_terms(templates: Templates) -> dict[str, frozenset[str]]:
    """Every surface → its tags: the signals, and the names and aliases of the firm's services and stages."""
    terms: dict[str, set[str]] = {}

    def add(surface: str, tag: str) -> None:
        key = normalize(surface)
        if key:
            terms.setdefault(key, set()).add(tag)

    for signal, surfaces in SIGNALS.items():
        for surface in surfaces:
            add(surface, f"wf.{signal}")
    for template in templates:
        for surface in (template.name.zh, template.name.en, *template.aliases.all()):
            add(surface, f"svc.{template.key}")
        for stage in template.stages:
            for surface in (stage.name.zh, stage.name.en, *stage.aliases.all()):
                add(surface, f"stage.{template.key}.{stage.key}")
    return {surface: frozenset(tags) for surface, tags in terms.items()}
