<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ImportPanel</name>
    <message>
        <source>Village lists</source>
        <translation>村（社区）名单</translation>
    </message>
    <message>
        <source>Import a village list</source>
        <translation>导入村（社区）预约名单</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>CSV or Excel (.xlsx), with a header row.</source>
        <translation>CSV 或 Excel（.xlsx）文件，第一行为表头。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Bad rows</source>
        <translation>有误的行</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Village lists (*.csv *.xlsx);;All files (*)</source>
        <translation>村（社区）名单 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>A list is still being read: one moment.</source>
        <translation>正在读取名单，请稍候。</translation>
    </message>
    <message>
        <source>%1 was not imported: correct the rows below and choose it again.</source>
        <translation>%1 未导入：请改正下列各行后重新选择该文件。</translation>
    </message>
    <message>
        <source>%1 is clean: %2 rows. Import it to add and update the appointments.</source>
        <translation>%1 检查无误：共 %2 行。点“导入”即新增并更新预约。</translation>
    </message>
    <message>
        <source>%1 imported: %2 rows.</source>
        <translation>%1 已导入：共 %2 行。</translation>
    </message>
</context>
</TS>
