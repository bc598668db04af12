<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ImportReasons</name>
    <message>
        <source>unknown column header</source>
        <translation>无法识别的表头</translation>
    </message>
    <message>
        <source>this column appears twice</source>
        <translation>此列重复出现</translation>
    </message>
    <message>
        <source>a required column is missing</source>
        <translation>缺少必需的列</translation>
    </message>
    <message>
        <source>the file has no header row</source>
        <translation>文件没有表头行</translation>
    </message>
    <message>
        <source>row %1 is not a header row (姓名, 证件号码, 手机号, 村, 预约日期, 剂次): add it</source>
        <translation>第%1行不是表头（姓名、证件号码、手机号、村、预约日期、剂次）：请加上表头行</translation>
    </message>
    <message>
        <source>the file has a header but no rows</source>
        <translation>文件只有表头，没有数据行</translation>
    </message>
    <message>
        <source>the file is neither UTF-8 nor GB18030 text</source>
        <translation>文件既不是 UTF-8 也不是 GB18030 编码</translation>
    </message>
    <message>
        <source>the file cannot be found</source>
        <translation>找不到该文件</translation>
    </message>
    <message>
        <source>an old .xls workbook: save it as .xlsx or CSV</source>
        <translation>旧版 .xls 工作簿：请另存为 .xlsx 或 CSV</translation>
    </message>
    <message>
        <source>the CSV file cannot be read</source>
        <translation>无法读取该 CSV 文件</translation>
    </message>
    <message>
        <source>the workbook cannot be read</source>
        <translation>无法读取该工作簿</translation>
    </message>
    <message>
        <source>the name is empty</source>
        <translation>姓名为空</translation>
    </message>
    <message>
        <source>the name is too long or holds control characters</source>
        <translation>姓名过长或含控制字符</translation>
    </message>
    <message>
        <source>the village is empty</source>
        <translation>村（社区）为空</translation>
    </message>
    <message>
        <source>the village is too long or holds control characters</source>
        <translation>村（社区）名称过长或含控制字符</translation>
    </message>
    <message>
        <source>unknown document type</source>
        <translation>无法识别的证件类型</translation>
    </message>
    <message>
        <source>the document number is empty</source>
        <translation>证件号码为空</translation>
    </message>
    <message>
        <source>the phone number is empty</source>
        <translation>电话号码为空</translation>
    </message>
    <message>
        <source>not a mobile number or a landline with its area code</source>
        <translation>不是手机号码，也不是带区号的固定电话</translation>
    </message>
    <message>
        <source>the date is empty</source>
        <translation>日期为空</translation>
    </message>
    <message>
        <source>not a date (write 2026-12-03 or 2026/12/3)</source>
        <translation>不是日期（请写 2026-12-03 或 2026/12/3）</translation>
    </message>
    <message>
        <source>the date is more than a year ahead</source>
        <translation>日期在一年以后</translation>
    </message>
    <message>
        <source>the dose number is empty</source>
        <translation>剂次为空</translation>
    </message>
    <message>
        <source>the dose number is out of range</source>
        <translation>剂次超出范围</translation>
    </message>
    <message>
        <source>write 是 or 否 (yes or no)</source>
        <translation>请填“是”或“否”</translation>
    </message>
    <message>
        <source>the same document and dose as row %1</source>
        <translation>证件和剂次与第 %1 行重复</translation>
    </message>
    <message>
        <source>the ID number&apos;s check character is wrong</source>
        <translation>身份证号码校验位不对</translation>
    </message>
    <message>
        <source>the document number has the wrong length</source>
        <translation>证件号码位数不对</translation>
    </message>
    <message>
        <source>the birth date in the number is not valid</source>
        <translation>号码中的出生日期无效</translation>
    </message>
    <message>
        <source>the ID number&apos;s region code is not valid</source>
        <translation>身份证号码的地区码无效</translation>
    </message>
    <message>
        <source>the document is not valid: %1</source>
        <translation>证件无效：%1</translation>
    </message>
</context>
</TS>
