<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DeskScreen</name>
    <message>
        <source>Vaccination station</source>
        <translation>接种台</translation>
    </message>
    <message>
        <source>Registration desk</source>
        <translation>登记台</translation>
    </message>
    <message>
        <source>Calling</source>
        <translation>叫号</translation>
    </message>
    <message>
        <source>Call next</source>
        <translation>叫下一位</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>重呼</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>过号</translation>
    </message>
    <message>
        <source>Cancel ticket</source>
        <translation>取消号票</translation>
    </message>
    <message>
        <source>A012 [Ctrl+G]</source>
        <translation>A012 [Ctrl+G]</translation>
    </message>
    <message>
        <source>Type a number and press Enter to call it</source>
        <translation>输入号码后按回车叫号</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>叫号</translation>
    </message>
    <message>
        <source>Call this number</source>
        <translation>叫此号</translation>
    </message>
    <message>
        <source>Reprint ticket</source>
        <translation>补打小票</translation>
    </message>
    <message>
        <source>Print the ticket at this desk again, or the number typed above</source>
        <translation>重新打印本台当前的号票，或上方输入的号码</translation>
    </message>
    <message>
        <source>Reinstate selected</source>
        <translation>恢复所选</translation>
    </message>
    <message>
        <source>Missed (select, then reinstate)</source>
        <translation>过号（选中后恢复）</translation>
    </message>
    <message>
        <source>at this desk</source>
        <translation>在本台</translation>
    </message>
    <message>
        <source>nobody called</source>
        <translation>未叫号</translation>
    </message>
    <message>
        <source>Waiting: %1</source>
        <translation>等候：%1</translation>
    </message>
    <message>
        <source>dose held until %1</source>
        <translation>保留剂次至 %1</translation>
    </message>
    <message>
        <source>grace period over</source>
        <translation>保留期已过</translation>
    </message>
    <message>
        <source>Called %1.</source>
        <translation>已叫 %1。</translation>
    </message>
    <message>
        <source>Nobody is waiting.</source>
        <translation>没有人等候。</translation>
    </message>
    <message>
        <source>%1 is at this desk.</source>
        <translation>%1 在本台。</translation>
    </message>
    <message>
        <source>%1 is at desk %2.</source>
        <translation>%1 在 %2。</translation>
    </message>
    <message>
        <source>%1 cannot come to this desk: it is %2.</source>
        <translation>%1 不能到本台：当前为%2。</translation>
    </message>
    <message>
        <source>This is a vaccine box&apos;s code: scan it at the station.</source>
        <translation>这是疫苗药箱的追溯码：请在接种台扫描。</translation>
    </message>
    <message>
        <source>Called %1 again.</source>
        <translation>已重呼 %1。</translation>
    </message>
    <message>
        <source>%1 marked missed.</source>
        <translation>%1 已标记过号。</translation>
    </message>
    <message>
        <source>Select a missed number first.</source>
        <translation>请先选择一个过号号码。</translation>
    </message>
    <message>
        <source>%1 is back at the front of the queue.</source>
        <translation>%1 已恢复到队首。</translation>
    </message>
    <message>
        <source>Cancel %1</source>
        <translation>取消 %1</translation>
    </message>
    <message>
        <source>Why is it cancelled?</source>
        <translation>取消原因？</translation>
    </message>
    <message>
        <source>%1 cancelled.</source>
        <translation>%1 已取消。</translation>
    </message>
    <message>
        <source>Type a number to reprint, or call one first.</source>
        <translation>请先输入要补打的号码，或先叫号。</translation>
    </message>
</context>
</TS>
