<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BoxCode</name>
    <message>
        <source>No box scanned (scan the box the dose comes from).</source>
        <translation>未扫箱码（请扫描本剂所出药箱的追溯码）。</translation>
    </message>
    <message>
        <source>The box code was dropped: that box is of lot %1.</source>
        <translation>箱码已清除：该药箱属于批号 %1。</translation>
    </message>
    <message>
        <source>Box %1 · lot %2</source>
        <translation>箱码 %1，批号 %2</translation>
    </message>
    <message>
        <source>Box of lot %1 scanned.</source>
        <translation>已扫描批号 %1 的药箱。</translation>
    </message>
    <message>
        <source>Box %1 · lot %2 · not on the lot&apos;s list: recorded as unlisted</source>
        <translation>箱码 %1，批号 %2 · 不在该批号的箱码清单中：按未登记箱码记录</translation>
    </message>
    <message>
        <source>Box not on any list: recorded as unlisted, of lot %1.</source>
        <translation>药箱不在任何清单中：按未登记箱码记录，批号 %1。</translation>
    </message>
    <message>
        <source>No usable lot in today&apos;s stock for this box.</source>
        <translation>今日库存中没有可用于该药箱的批号。</translation>
    </message>
    <message>
        <source>Box not on any list</source>
        <translation>箱码未登记</translation>
    </message>
    <message>
        <source>This box code is on no lot&apos;s list. Which lot is the box of? The dose records the code as unlisted.</source>
        <translation>该箱码不在任何批号的清单中。该药箱属于哪个批号？本剂将按未登记箱码记录。</translation>
    </message>
    <message>
        <source>The box code was not used.</source>
        <translation>未使用该箱码。</translation>
    </message>
</context>
</TS>
