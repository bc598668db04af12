<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ClosingPanel</name>
    <message>
        <source>Close the day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Release whoever is still in observation and close open adverse events</source>
        <translation>放行仍在留观的人员并关闭未结的不良反应</translation>
    </message>
    <message>
        <source>Fridge at closing</source>
        <translation>日结时冰箱温度</translation>
    </message>
    <message>
        <source>Reopen a closed day</source>
        <translation>重新开启已日结的一天</translation>
    </message>
    <message>
        <source>Why (a late entry, a wrong close…)</source>
        <translation>原因（补录、误日结……）</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新开启</translation>
    </message>
    <message>
        <source>The day has not been opened.</source>
        <translation>当日尚未开始。</translation>
    </message>
    <message>
        <source>Doses in: %1</source>
        <translation>入库剂次：%1</translation>
    </message>
    <message>
        <source>Given: %1</source>
        <translation>已接种：%1</translation>
    </message>
    <message>
        <source>Wasted: %1</source>
        <translation>报损：%1</translation>
    </message>
    <message>
        <source>Back to the inventory (unopened): %1</source>
        <translation>退回库存（未开启）：%1</translation>
    </message>
    <message>
        <source>Left in opened vials: %1</source>
        <translation>已开启瓶中剩余：%1</translation>
    </message>
    <message>
        <source>Still waiting (become unserved): %1</source>
        <translation>仍在等候（将记为未服务）：%1</translation>
    </message>
    <message>
        <source>Fridge at opening: %1 °C</source>
        <translation>开始时冰箱温度：%1 °C</translation>
    </message>
    <message>
        <source>%1 doses are left in opened vials: give them or record them as waste.</source>
        <translation>已开启的疫苗瓶中还剩%1剂：请接种或登记报损。</translation>
    </message>
    <message>
        <source>The doses do not add up: %1 in, %2 accounted for.</source>
        <translation>剂次对不上：入库%1，已核对%2。</translation>
    </message>
    <message>
        <source>Still in observation: %1</source>
        <translation>仍在留观：%1</translation>
    </message>
    <message>
        <source>Open adverse events: %1</source>
        <translation>未结的不良反应：%1</translation>
    </message>
    <message>
        <source>The fridge is outside %1–%2 °C: it is recorded and flagged.</source>
        <translation>冰箱温度超出%1–%2 °C：已记录并标记。</translation>
    </message>
    <message>
        <source>Not closed: </source>
        <translation>未能日结：</translation>
    </message>
    <message>
        <source>The day %1 is closed.</source>
        <translation>%1已日结。</translation>
    </message>
    <message>
        <source>Say why the day is reopened.</source>
        <translation>请说明重新开启的原因。</translation>
    </message>
    <message>
        <source>The day %1 is open again.</source>
        <translation>%1已重新开启。</translation>
    </message>
</context>
</TS>
