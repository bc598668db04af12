<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>InventoryTable</name>
    <message>
        <source>Lot</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Vials on hand</source>
        <translation>库存瓶数</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>领用</translation>
    </message>
</context>
</TS>
