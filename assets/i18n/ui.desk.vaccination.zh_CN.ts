<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>VaccinationPanel</name>
    <message>
        <source>Vaccination</source>
        <translation>接种</translation>
    </message>
    <message>
        <source>Open a vial</source>
        <translation>开启新瓶</translation>
    </message>
    <message>
        <source>Record waste…</source>
        <translation>登记废弃…</translation>
    </message>
    <message>
        <source>Vaccinated</source>
        <translation>已接种</translation>
    </message>
    <message>
        <source>Not vaccinated…</source>
        <translation>未接种…</translation>
    </message>
    <message>
        <source>Today&apos;s stock</source>
        <translation>今日库存</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>药箱</translation>
    </message>
    <message>
        <source>Open vials</source>
        <translation>已开启的瓶</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>%1 years, %2</source>
        <translation>%1 岁，%2</translation>
    </message>
    <message>
        <source>%1 years</source>
        <translation>%1 岁</translation>
    </message>
    <message>
        <source>observation %1 min</source>
        <translation>留观 %1 分钟</translation>
    </message>
    <message>
        <source>rule overridden: %1</source>
        <translation>例外接种：%1</translation>
    </message>
    <message>
        <source>Screening: %1</source>
        <translation>筛查：%1</translation>
    </message>
    <message>
        <source>Screening: all answers no</source>
        <translation>筛查：全部为否</translation>
    </message>
    <message>
        <source>%1 lot %2 · %3 doses left · expires %4</source>
        <translation>%1 批号 %2 · 剩余 %3 剂 · 有效期至 %4</translation>
    </message>
    <message>
        <source>(EXPIRED)</source>
        <translation>（已过期）</translation>
    </message>
    <message numerus="yes">
        <source>Vial %1 is past its use-by: record its %n dose(s) as waste.</source>
        <translation>
            <numerusform>药瓶 %1 已超过使用时限：请将剩余 %n 剂登记为废弃。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Vial %1 must be used by %2: %n dose(s) left.</source>
        <translation>
            <numerusform>药瓶 %1 须在 %2 前用完：剩余 %n 剂。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dose(s) recorded as wasted.</source>
        <translation>
            <numerusform>已登记废弃 %n 剂。</numerusform>
        </translation>
    </message>
    <message>
        <source>No open vial: one is opened with the first dose.</source>
        <translation>无已开启的瓶：接种第一剂时自动开启。</translation>
    </message>
    <message>
        <source>This lot cannot be used.</source>
        <translation>此批号不能使用。</translation>
    </message>
    <message>
        <source>Vial %1 · %2 of %3 doses left · open %4 min · use by %5</source>
        <translation>第 %1 瓶 · 剩余 %2/%3 剂 · 已开启 %4 分钟 · %5 前用完</translation>
    </message>
    <message>
        <source>Vial %1 opened.</source>
        <translation>已开启第 %1 瓶。</translation>
    </message>
    <message>
        <source>Select an open vial first.</source>
        <translation>请先选择一个已开启的瓶。</translation>
    </message>
    <message>
        <source>Choose a lot first.</source>
        <translation>请先选择批号。</translation>
    </message>
    <message>
        <source>%1 vaccinated: observation until %2.</source>
        <translation>%1 已接种：留观至 %2。</translation>
    </message>
    <message>
        <source>Not vaccinated</source>
        <translation>未接种</translation>
    </message>
    <message>
        <source>Why not?</source>
        <translation>原因？</translation>
    </message>
    <message>
        <source>Not vaccinated; the dose is released.</source>
        <translation>未接种；疫苗剂次已释放。</translation>
    </message>
</context>
</TS>
