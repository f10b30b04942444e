import unicodedata, sys
TONES = {'\u0300','\u0301','\u0303','\u0309','\u0323'}
def cp1258(s):
    out = b''
    for c in s:
        try:
            out += c.encode('cp1258'); continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize('NFD', c)
        base = ''.join(x for x in nfd if x not in TONES)
        tone = ''.join(x for x in nfd if x in TONES)
        out += unicodedata.normalize('NFC', base).encode('cp1258') + tone.encode('cp1258')
    return out

# TCVN3 encoder from glibc's table (bytes 0xA1..0xFF)
tc = {}
import subprocess
for b in range(0xA1, 0x100):
    u = subprocess.run(['iconv','-f','TCVN5712-1','-t','UTF-8'], input=bytes([b]), capture_output=True).stdout.decode()
    u = unicodedata.normalize('NFC', u)
    if len(u) == 1: tc[u] = b
def tcvn3(s):
    out = b''
    for c in unicodedata.normalize('NFC', s):
        if ord(c) < 0x80: out += c.encode(); continue
        if c in tc: out += bytes([tc[c]]); continue
        lc = c.lower()
        if lc in tc: out += bytes([tc[lc]]); continue   # .VnTime has no capitals with tone
        out += c.encode('cp1252')
    return out

para = [
 "Nghị quyết về thực hiện phong trào “3 không - 3 cần - 3 quyết tâm”",
 "Chợ Mới với khẩu hiệu “3 không - 3 cần - 3 quyết tâm”. Ban Thường vụ Huyện ủy Chợ Mới ban hành ngày 14/4/2014.",
 "Quyết tâm phát huy dân chủ - kỷ cương - đoàn kết; Đảng viên, cán bộ, công chức, viên chức và người lao động phải gương mẫu, thực hiện nghiêm túc Quy chế làm việc.",
]
cells = [["STT","Nội dung"],["1","Quán triệt nghị quyết đến toàn thể đảng viên"]]

# Word-exported .htm in windows-1258
htm = '''<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1258">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 11">
<meta name=Originator content="Microsoft Word 11">
<title>Nghị quyết về thực hiện phong trào</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>VP Huyen uy</o:Author>
  <o:Pages>1</o:Pages>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-parent:"";
	margin:0cm;
	font-size:14.0pt;
	font-family:"Times New Roman";
	mso-fareast-font-family:"Times New Roman";}
@page Section1
	{size:595.3pt 841.9pt;
	mso-header-margin:35.4pt;}
div.Section1
	{page:Section1;}
-->
</style>
</head>

<body lang=EN-US style='tab-interval:36.0pt'>

<div class=Section1>

<p class=MsoNormal align=center style='text-align:center'><b style='mso-bidi-font-weight:normal'><span
style='font-size:13.0pt'>ĐẢNG BỘ HUYỆN CHỢ MỚI<o:p></o:p></span></b></p>

<h1 align=center style='text-align:center'><span style='font-size:14.0pt'>''' + para[0] + '''<o:p></o:p></span></h1>

<p class=MsoNormal style='text-align:justify;text-indent:36.0pt'><span
style='font-size:14.0pt'>''' + para[1] + '''<o:p></o:p></span></p>

<p class=MsoNormal style='text-align:justify;text-indent:36.0pt'><![if !supportLists]><span
style='mso-list:Ignore'>-<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;
</span></span><![endif]><span style='font-size:14.0pt'>''' + para[2].replace(" - ", " -\n") + '''<o:p></o:p></span></p>

<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0
 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>
''' + ''.join("<tr style='mso-yfti-irow:0'>" + ''.join(
    "<td width=100 valign=top style='width:75.0pt;padding:0cm 5.4pt 0cm 5.4pt'><p class=MsoNormal><span style='font-size:13.0pt'>" + c + "<o:p></o:p></span></p></td>"
    for c in row) + "</tr>\n" for row in cells) + '''</table>

<p class=MsoNormal><o:p>&nbsp;</o:p></p>

</div>

</body>

</html>
'''
open(sys.argv[1] + '/word-export.htm', 'wb').write(cp1258(htm))

# RTF with \ansicpg1258 and \'hh escapes, as WordPad / Word save it
def rtf_escape_cp(s):
    out = ''
    for b in cp1258(s):
        out += chr(b) if b < 0x80 and chr(b) not in '\\{}' else "\\'%02x" % b
    return out
rtf = r'''{\rtf1\ansi\ansicpg1258\deff0\deflang1066{\fonttbl{\f0\froman\fprq2\fcharset163 Times New Roman;}{\f1\fswiss\fcharset0 Arial;}}
{\colortbl ;\red0\green0\blue0;}
{\*\generator Msftedit 5.41.21.2510;}{\info{\title Bao cao}{\author Van phong}}\viewkind4\uc1\pard\qc\b\f0\fs28 ''' + rtf_escape_cp(para[0]) + r'''\b0\par
\pard\qj\fi720 ''' + rtf_escape_cp(para[1]) + r'''\par
''' + rtf_escape_cp(para[2]) + r'''\par
\trowd\cellx2000\cellx8000 \intbl ''' + rtf_escape_cp(cells[0][0]) + r'''\cell ''' + rtf_escape_cp(cells[0][1]) + r'''\cell\row
\trowd\cellx2000\cellx8000 \intbl ''' + rtf_escape_cp(cells[1][0]) + r'''\cell ''' + rtf_escape_cp(cells[1][1]) + r'''\cell\row
\pard{\*\bkmkstart end}{\*\bkmkend end}\par
}
'''
open(sys.argv[1] + '/cp1258.rtf', 'w', encoding='ascii').write(rtf)

# RTF in the .VnTime font (TCVN3), as old Word 97 files converted to RTF;
# one run in Unicode Times New Roman with \u escapes.
def rtf_escape_bytes(bs):
    return ''.join(chr(b) if b < 0x80 and chr(b) not in '\\{}' else "\\'%02x" % b for b in bs)
def rtf_u(s):
    return ''.join(c if ord(c) < 0x80 else "\\u%d?" % (ord(c) if ord(c) < 32768 else ord(c)-65536) for c in s)
rtf2 = r'''{\rtf1\ansi\ansicpg1252\uc1\deff0{\fonttbl{\f0\froman\fcharset0\fprq2{\*\panose 02020603050405020304}.VnTime;}{\f1\froman\fcharset0\fprq2 .VnTimeH;}{\f2\froman\fcharset0 Times New Roman{\*\falt Times};}}
{\stylesheet{\ql \f0\fs28 Normal;}}{\*\pgdsctbl{\pgdsc0 Default;}}
\pard\plain\qc{\f1\fs28 ''' + rtf_escape_bytes(tcvn3(para[0].upper())) + r'''}\par
\pard\plain\f0\fs28 ''' + rtf_escape_bytes(tcvn3(para[1])) + r'''\par
{\f2 ''' + rtf_u(para[2]) + r'''}\par
{\pict\wmetafile8\picw100\pich100 0100090000035e00000000000000}
\trowd\cellx2000\cellx8000\pard\intbl\f0 ''' + rtf_escape_bytes(tcvn3(cells[1][0])) + r'''\cell ''' + rtf_escape_bytes(tcvn3(cells[1][1])) + r'''\cell\row\pard\par}
'''
open(sys.argv[1] + '/vntime.rtf', 'w', encoding='ascii').write(rtf2)
