<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ObservationScreen</name>
    <message>
        <source>Observation desk</source>
        <translation>留观台</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Vaccinated</source>
        <translation>已接种</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>Extend…</source>
        <translation>延长…</translation>
    </message>
    <message>
        <source>Left early…</source>
        <translation>提前离开…</translation>
    </message>
    <message>
        <source>Adverse event…</source>
        <translation>不良反应…</translation>
    </message>
    <message>
        <source>Close adverse event…</source>
        <translation>结束不良反应…</translation>
    </message>
    <message>
        <source>adverse event open</source>
        <translation>不良反应处理中</translation>
    </message>
    <message>
        <source>may leave</source>
        <translation>可以离开</translation>
    </message>
    <message>
        <source>observing</source>
        <translation>留观中</translation>
    </message>
    <message>
        <source>In observation: %1 · may leave: %2 · over time: %3</source>
        <translation>留观中：%1 · 可离开：%2 · 已超时：%3</translation>
    </message>
    <message>
        <source>Select a person first.</source>
        <translation>请先选择一位。</translation>
    </message>
    <message>
        <source>%1 released: may go home.</source>
        <translation>%1 已放行，可以回家。</translation>
    </message>
    <message>
        <source>This is a vaccine box&apos;s code: scan the person&apos;s ticket.</source>
        <translation>这是疫苗药箱的追溯码：请扫描受种者的号票。</translation>
    </message>
    <message>
        <source>%1 is not in observation: it is %2.</source>
        <translation>%1 不在留观中：当前为%2。</translation>
    </message>
    <message>
        <source>Extend observation</source>
        <translation>延长留观</translation>
    </message>
    <message>
        <source>Extra minutes</source>
        <translation>延长分钟数</translation>
    </message>
    <message>
        <source>%1: observation extended by %2 min.</source>
        <translation>%1：留观延长 %2 分钟。</translation>
    </message>
    <message>
        <source>Left early</source>
        <translation>提前离开</translation>
    </message>
    <message>
        <source>Why did %1 leave early?</source>
        <translation>%1 提前离开的原因？</translation>
    </message>
    <message>
        <source>%1 recorded as left early.</source>
        <translation>%1 已登记为提前离开。</translation>
    </message>
    <message>
        <source>Adverse event recorded for %1 (%2).</source>
        <translation>已登记 %1 的不良反应（%2）。</translation>
    </message>
    <message>
        <source>%1 has no open adverse event.</source>
        <translation>%1 没有未结束的不良反应。</translation>
    </message>
    <message>
        <source>Close adverse event</source>
        <translation>结束不良反应</translation>
    </message>
    <message>
        <source>Outcome (e.g. recovered)</source>
        <translation>转归（如：已好转）</translation>
    </message>
    <message>
        <source>Adverse event of %1 closed.</source>
        <translation>%1 的不良反应已结束。</translation>
    </message>
</context>
</TS>
