using System.Text;

namespace KevySpec.Graph;

/// <summary>Escaping of spec text for each output language, so any guard or action name renders literally.</summary>
internal static class GraphText
{
    /// <summary>
    /// Text inside a DOT double-quoted string. DOT itself only escapes the quote; a backslash
    /// starts a label escape (<c>\n</c>, <c>\l</c>, <c>\N</c>…), so it is doubled to stay literal.
    /// </summary>
    public static string Dot(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\r': break;
                case '\n': sb.Append(' '); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Text inside a DOT HTML-like label: the characters HTML reserves are written as entities;
    /// a line break becomes a space (the label's own <c>&lt;BR/&gt;</c> separates lines).
    /// </summary>
    public static string DotHtml(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\r': break;
                case '\n': sb.Append(' '); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Text of a Mermaid <c>stateDiagram-v2</c> transition label. The grammar reads a label as
    /// <c>":" [^:\n;]+</c>, so <c>:</c>, <c>;</c> and line breaks cannot appear raw; Mermaid
    /// decodes <c>#NN;</c> entity codes in every diagram, so those characters (and <c>#</c>,
    /// which starts an entity code, plus the HTML-significant <c>" &amp; &lt; &gt;</c>) are written
    /// as codes and render as themselves. Everything else, <c>!</c> included, stays readable.
    /// </summary>
    public static string Mermaid(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '#': sb.Append("#35;"); break;
                case ':': sb.Append("#58;"); break;
                case ';': sb.Append("#59;"); break;
                case '"': sb.Append("#34;"); break;
                case '&': sb.Append("#38;"); break;
                case '<': sb.Append("#60;"); break;
                case '>': sb.Append("#62;"); break;
                case '\r': break;
                case '\n': sb.Append(' '); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Text of a Markdown table cell: Markdown's special characters and the cell separator are backslash-escaped.</summary>
    public static string MarkdownCell(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '|' or '`' or '*' or '_' or '[' or ']' or '<' or '>':
                    sb.Append('\\').Append(c);
                    break;
                case '\r': break;
                case '\n': sb.Append(' '); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
