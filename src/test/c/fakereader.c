/*
 * A fake identity-card reader library for the reader adapters' tests (VendorReaderTest). It exports the
 * functions of both vendor families the counter supports - termb (CVR_*, GetPeople*, text in GBK) and
 * sdtapi (SDT_*, text as UCS-2LE in fixed fields) - and answers as a real reader would for the scenario
 * named in the file whose path is in CANBAO_FAKE_READER (one word, read at every call):
 *   rare      a card whose name has a rare character (termb: 龚䶮, GB18030; sdtapi: 𠮷祥, a surrogate pair)
 *   x         a card whose number ends in X; valid for life (长期); ethnicity 土家
 *   expired   a card whose validity ended on 2018-01-01
 *   nocard    the reader answers, no card on it
 *   noreader  no reader on any port
 *   crash     the vendor code crashes (abort) while looking for the card
 *   hang      the vendor code never returns while looking for the card (a wedged USB driver)
 * The reader sits on USB port 1003 (termb) or serial port 2 (sdtapi), so the adapters' scan is exercised.
 * Built by the test with gcc -shared -fPIC; never part of the program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char scenario[32];

static void load_scenario(void) {
    const char *path = getenv("CANBAO_FAKE_READER");
    scenario[0] = 0;
    if (path == NULL) {
        return;
    }
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        return;
    }
    if (fgets(scenario, sizeof scenario, file) == NULL) {
        scenario[0] = 0;
    }
    fclose(file);
    scenario[strcspn(scenario, "\r\n ")] = 0;
}

static int is(const char *name) {
    return strcmp(scenario, name) == 0;
}

/* ---- the cards, as UTF-8 (sdtapi) and as GB18030 bytes (termb) ---------------------------------- */

struct card {
    const char *name_utf8, *name_gbk, *sex_gbk, *sex_code, *nation_gbk, *nation_code, *birth, *address_utf8,
        *address_gbk, *number, *authority_utf8, *authority_gbk, *start, *end_utf8, *end_gbk;
};

#define ADDRESS_UTF8 "重庆市彭水县保家镇"
#define ADDRESS_GBK "\xd6\xd8\xc7\xec\xca\xd0\xc5\xed\xcb\xae\xcf\xd8\xb1\xa3\xbc\xd2\xd5\xf2"
#define AUTHORITY_UTF8 "彭水县公安局"
#define AUTHORITY_GBK "\xc5\xed\xcb\xae\xcf\xd8\xb9\xab\xb0\xb2\xbe\xd6"

static const struct card RARE = {"𠮷祥", "\xb9\xa8\xfe\x9f", "\xc4\xd0", "1", "\xba\xba", "01", "19900101",
    ADDRESS_UTF8, ADDRESS_GBK, "500230199001011237", AUTHORITY_UTF8, AUTHORITY_GBK, "20150101", "20350101",
    "20350101"};
static const struct card WITH_X = {"冉秀英", "\xc8\xbd\xd0\xe3\xd3\xa2", "\xc5\xae", "2", "\xcd\xc1\xbc\xd2\xd7\xe5",
    "15", "19500101", ADDRESS_UTF8, ADDRESS_GBK, "50023019500101224X", AUTHORITY_UTF8, AUTHORITY_GBK, "20100101",
    "长期", "\xb3\xa4\xc6\xda"};
static const struct card EXPIRED = {"任国强", "\xc8\xce\xb9\xfa\xc7\xbf", "\xc4\xd0", "1", "\xba\xba", "01",
    "19880312", ADDRESS_UTF8, ADDRESS_GBK, "50023019880312129X", AUTHORITY_UTF8, AUTHORITY_GBK, "20080101",
    "20180101", "20180101"};

static const struct card *current(void) {
    if (is("rare")) return &RARE;
    if (is("x")) return &WITH_X;
    if (is("expired")) return &EXPIRED;
    return NULL;
}

static void crash_if_asked(void) {
    if (is("crash")) {
        abort();
    }
    if (is("hang")) {
        sleep(600);
    }
}

/* ---- termb ------------------------------------------------------------------------------------- */

static int termb_port;

int CVR_InitComm(int port) {
    load_scenario();
    if (is("noreader") || port != 1003) {
        return 0;
    }
    termb_port = port;
    return 1;
}

int CVR_CloseComm(void) {
    termb_port = 0;
    return 1;
}

int CVR_Authenticate(void) {
    load_scenario();
    crash_if_asked();
    return termb_port != 0 && current() != NULL ? 1 : 0;
}

int CVR_Read_Content(int active) {
    (void) active;
    return current() != NULL ? 1 : 0;
}

static int give(const char *text, char *buffer, int *length) {
    if (text == NULL) {
        return 0;
    }
    int size = (int) strlen(text);
    if (size >= *length) {
        return 0;
    }
    memcpy(buffer, text, size + 1);
    *length = size;
    return 1;
}

#define FIELD(function, member) \
    int function(char *buffer, int *length) { \
        const struct card *card = current(); \
        return card == NULL ? 0 : give(card->member, buffer, length); \
    }

FIELD(GetPeopleName, name_gbk)
FIELD(GetPeopleSex, sex_gbk)
FIELD(GetPeopleNation, nation_gbk)
FIELD(GetPeopleBirthday, birth)
FIELD(GetPeopleAddress, address_gbk)
FIELD(GetPeopleIDCode, number)
FIELD(GetDepartment, authority_gbk)
FIELD(GetStartDate, start)
FIELD(GetEndDate, end_gbk)

/* ---- sdtapi ------------------------------------------------------------------------------------ */

static int sdt_port;

int SDT_OpenPort(int port) {
    load_scenario();
    if (is("noreader") || port != 2) {
        return 0x01;
    }
    sdt_port = port;
    return 0x90;
}

int SDT_ClosePort(int port) {
    (void) port;
    sdt_port = 0;
    return 0x90;
}

int SDT_StartFindIDCard(int port, unsigned char *manage, int open) {
    (void) manage;
    (void) open;
    load_scenario();
    crash_if_asked();
    return port == sdt_port && current() != NULL ? 0x9f : 0x80;
}

int SDT_SelectIDCard(int port, unsigned char *manage, int open) {
    (void) manage;
    (void) open;
    return port == sdt_port && current() != NULL ? 0x90 : 0x81;
}

/* UTF-8 into a fixed UCS-2LE field of `width` bytes, padded with spaces as the cards are */
static void ucs2(const char *utf8, unsigned char *field, int width) {
    int at = 0;
    const unsigned char *s = (const unsigned char *) utf8;
    while (*s && at + 2 <= width) {
        unsigned int c;
        if (*s < 0x80) { c = *s++; }
        else if ((*s & 0xe0) == 0xc0) { c = (*s++ & 0x1f) << 6; c |= *s++ & 0x3f; }
        else if ((*s & 0xf0) == 0xe0) { c = (*s++ & 0x0f) << 12; c |= (*s++ & 0x3f) << 6; c |= *s++ & 0x3f; }
        else { c = (*s++ & 0x07) << 18; c |= (*s++ & 0x3f) << 12; c |= (*s++ & 0x3f) << 6; c |= *s++ & 0x3f; }
        if (c >= 0x10000) {
            if (at + 4 > width) break;
            c -= 0x10000;
            unsigned int high = 0xd800 + (c >> 10), low = 0xdc00 + (c & 0x3ff);
            field[at++] = high & 0xff; field[at++] = high >> 8;
            field[at++] = low & 0xff; field[at++] = low >> 8;
        } else {
            field[at++] = c & 0xff; field[at++] = c >> 8;
        }
    }
    while (at + 2 <= width) {
        field[at++] = ' ';
        field[at++] = 0;
    }
}

int SDT_ReadBaseMsg(int port, unsigned char *text, unsigned int *text_length, unsigned char *photo,
                    unsigned int *photo_length, int open) {
    (void) open;
    const struct card *card = current();
    if (port != sdt_port || card == NULL) {
        return 0x41;
    }
    unsigned char *at = text;
    ucs2(card->name_utf8, at, 30); at += 30;
    ucs2(card->sex_code, at, 2); at += 2;
    ucs2(card->nation_code, at, 4); at += 4;
    ucs2(card->birth, at, 16); at += 16;
    ucs2(card->address_utf8, at, 70); at += 70;
    ucs2(card->number, at, 36); at += 36;
    ucs2(card->authority_utf8, at, 30); at += 30;
    ucs2(card->start, at, 16); at += 16;
    ucs2(card->end_utf8, at, 16); at += 16;
    ucs2("", at, 36);
    *text_length = 256;
    memset(photo, 0x5a, 1024); /* a stand-in for the photo (wlt), which the adapter must not keep */
    *photo_length = 1024;
    return 0x90;
}
