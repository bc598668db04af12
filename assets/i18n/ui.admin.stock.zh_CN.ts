<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>StockPanel</name>
    <message>
        <source>Open the day from the inventory</source>
        <translation>从库存开始当日接种</translation>
    </message>
    <message>
        <source>Open the day</source>
        <translation>开始当日接种</translation>
    </message>
    <message>
        <source>Capacity (doses today)</source>
        <translation>接种能力（今日剂次）</translation>
    </message>
    <message>
        <source>Fridge at opening</source>
        <translation>开始时冰箱温度</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>接种能力</translation>
    </message>
    <message>
        <source>Set capacity</source>
        <translation>设置接种能力</translation>
    </message>
    <message>
        <source>Take vials from the inventory</source>
        <translation>从库存领用</translation>
    </message>
    <message>
        <source>Take into today</source>
        <translation>领用到今日</translation>
    </message>
    <message>
        <source>Receive a delivery</source>
        <translation>疫苗入库</translation>
    </message>
    <message>
        <source>Lot number</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Also into today&apos;s stock</source>
        <translation>同时领用到今日</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>疫苗</translation>
    </message>
    <message>
        <source>Lot, expiry</source>
        <translation>批号、有效期</translation>
    </message>
    <message>
        <source>Vials, doses per vial</source>
        <translation>瓶数、每瓶剂次</translation>
    </message>
    <message>
        <source>Enter the vials to take from the inventory first.</source>
        <translation>请先输入从库存领用的瓶数。</translation>
    </message>
    <message>
        <source>The day is open: %1 doses, capacity %2.</source>
        <translation>当日已开始：疫苗%1剂，接种能力%2。</translation>
    </message>
    <message>
        <source>Capacity set to %1.</source>
        <translation>接种能力已设为%1。</translation>
    </message>
    <message>
        <source>Taken: %1 doses in today&apos;s stock.</source>
        <translation>已领用：今日疫苗共%1剂。</translation>
    </message>
    <message>
        <source>Enter the product and the lot number.</source>
        <translation>请输入疫苗和批号。</translation>
    </message>
    <message>
        <source>Received lot %1: %2 vials.</source>
        <translation>批号%1已入库：%2瓶。</translation>
    </message>
</context>
</TS>
