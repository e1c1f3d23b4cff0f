package com.erasureworker.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A plain PDF typewriter on A4: headings and lines of text top to bottom, wrapped to the page width, with a new page
 * when one is full. Standard Type 1 fonts only (nothing to embed), so text is limited to WinAnsi characters; anything
 * else becomes '?'.
 */
final class PdfLines implements AutoCloseable {

    private static final float MARGIN = 50;
    private static final float SIZE = 9.5f;
    private static final float LEADING = 13;

    private final PDDocument document = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private PDPageContentStream content;
    private float y;

    PdfLines(String title) {
        document.getDocumentInformation().setTitle(printable(title));
        document.getDocumentInformation().setCreator("Dixa GDPR erasure worker");
        newPage();
    }

    PdfLines title(String text) {
        write(text, bold, 16, 22);
        return this;
    }

    PdfLines heading(String text) {
        y -= 6;
        write(text, bold, 11.5f, 16);
        return this;
    }

    PdfLines line(String text) {
        write(text, regular, SIZE, LEADING);
        return this;
    }

    /** Continues on a fresh page. */
    PdfLines page() {
        try {
            content.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        newPage();
        return this;
    }

    PdfLines field(String label, Object value) {
        return line(label + ": " + (value == null ? "-" : value));
    }

    byte[] toBytes() {
        try {
            content.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        document.close();
    }

    private void write(String text, PDType1Font font, float size, float leading) {
        try {
            String remaining = printable(text);
            do {
                int fits = fitting(remaining, font, size);
                if (y - leading < MARGIN) {
                    content.close();
                    newPage();
                }
                y -= leading;
                content.beginText();
                content.setFont(font, size);
                content.newLineAtOffset(MARGIN, y);
                content.showText(remaining.substring(0, fits));
                content.endText();
                remaining = remaining.substring(fits).stripLeading();
            } while (!remaining.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many leading characters fit on one line: at a space if there is one, else wherever the width ends. */
    private int fitting(String text, PDType1Font font, float size) throws IOException {
        if (font.getStringWidth(text) / 1000 * size <= width) {
            return text.length();
        }
        int end = 1;
        while (end < text.length() && font.getStringWidth(text.substring(0, end + 1)) / 1000 * size <= width) {
            end++;
        }
        int space = text.lastIndexOf(' ', end);
        return space > 0 ? space : end;
    }

    private void newPage() {
        try {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f || c >= 0xa0 && c <= 0xff ? c : c == '\t' || c == '\n' ? ' ' : '?');
        }
        return out.toString();
    }
}
