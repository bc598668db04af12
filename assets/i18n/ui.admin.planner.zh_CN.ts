<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PlannerPanel</name>
    <message>
        <source>Planner</source>
        <translation>排班规划</translation>
    </message>
    <message>
        <source>Staffing planner</source>
        <translation>人员排班规划</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>规划</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>居民人数</translation>
    </message>
    <message>
        <source>Target wait (p90, number to first call)</source>
        <translation>目标等候（p90，取号到首次叫号）</translation>
    </message>
    <message>
        <source>Registration desks</source>
        <translation>登记台</translation>
    </message>
    <message>
        <source>Vaccination stations</source>
        <translation>接种台</translation>
    </message>
    <message>
        <source>Observation seats</source>
        <translation>留观座位</translation>
    </message>
    <message>
        <source>p90 wait (min)</source>
        <translation>p90等候（分钟）</translation>
    </message>
    <message>
        <source>The day ends</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Plan for %1 residents: %2 desks, %3 stations, %4 observation seats.</source>
        <translation>%1名居民的规划：登记台%2个，接种台%3个，留观座位%4个。</translation>
    </message>
</context>
</TS>
