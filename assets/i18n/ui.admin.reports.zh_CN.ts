<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReportsPanel</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Day report</source>
        <translation>当日报表</translation>
    </message>
    <message>
        <source>Cumulative report (all days so far)</source>
        <translation>累计报表（截至该日的所有日期）</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存PDF…</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>保存CSV…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Day (up to)</source>
        <translation>日期（截至）</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入%1：%2</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>已写入：%1</translation>
    </message>
    <message>
        <source>A report is still being made: one moment.</source>
        <translation>报表仍在生成，请稍候。</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Report saved: %1</source>
        <translation>报表已保存：%1</translation>
    </message>
    <message>
        <source>The report is open in the PDF viewer: print it there.</source>
        <translation>报表已在PDF阅读器中打开：请在那里打印。</translation>
    </message>
    <message>
        <source>No PDF viewer opened %1: print the saved file.</source>
        <translation>没有PDF阅读器打开%1：请打印已保存的文件。</translation>
    </message>
</context>
</TS>
