<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminScreen</name>
    <message>
        <source>Site manager</source>
        <translation>接种点管理</translation>
    </message>
    <message>
        <source>Clear to zero</source>
        <translation>清零</translation>
    </message>
    <message>
        <source>Day and stock</source>
        <translation>当日与库存</translation>
    </message>
    <message>
        <source>Waste</source>
        <translation>报损</translation>
    </message>
    <message>
        <source>Close and reopen</source>
        <translation>日结与重开</translation>
    </message>
    <message>
        <source>%1 is not a manager: this screen needs a manager&apos;s PIN.</source>
        <translation>%1不是管理员：此界面需要管理员的PIN码。</translation>
    </message>
    <message>
        <source>Clear to zero: %1 needed</source>
        <translation>清零：还需%1人</translation>
    </message>
</context>
</TS>
