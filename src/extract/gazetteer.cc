// Places: country names from ICU's locale data (en, lt, nb, is, lv, pl), a
// small demonym table ICU does not provide, and a gazetteer of cities and
// regions written as facts (city -> country, with Lithuanian and Latvian
// exonyms where pages of the genre use them). Lithuanian and Latvian case
// forms are generated from the nominatives by declension, so "Osle",
// "Kaune", "Ludzas" are found and read back as "Oslas", "Kaunas", "Ludza".
//
// Everything is built once into const tables (function-local statics):
// lookups are read-only and thread-safe.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

// One line per place: "CC kind Name[/Alias...][|lt:Name][|lv:Name]".
// kind: c = city/town, r = region. The first name is the one used when the
// text's language has no name of its own. Cities whose names are common
// words in the genre's languages (Nice, Split, Bar, Mons) are left out: a
// missed place costs less than a place read out of every sentence.
constexpr std::string_view kGazetteer = R"(LT c Vilnius|lv:Viļņa
LT c Kaunas|lv:Kauņa
LT c Klaipėda|lv:Klaipēda
LT c Šiauliai|lv:Šauļi
LT c Panevėžys|lv:Paņevēža
LT c Alytus
LT c Marijampolė/Marijampole
LT c Mažeikiai
LT c Jonava
LT c Utena
LT c Kėdainiai
LT c Telšiai
LT c Tauragė
LT c Ukmergė
LT c Visaginas
LT c Plungė
LT c Kretinga
LT c Šilutė
LT c Radviliškis
LT c Palanga
LT c Gargždai
LT c Druskininkai
LT c Rokiškis|lv:Rokišķi
LT c Biržai
LT c Elektrėnai
LT c Kuršėnai
LT c Garliava
LT c Jurbarkas
LT c Vilkaviškis
LT c Raseiniai
LT c Anykščiai
LT c Lentvaris
LT c Prienai
LT c Joniškis
LT c Kelmė
LT c Varėna
LT c Kaišiadorys
LT c Naujoji Akmenė
LT c Pasvalys
LT c Kupiškis
LT c Zarasai
LT c Skuodas
LT c Kazlų Rūda
LT c Širvintos
LT c Molėtai
LT c Šalčininkai
LT c Šakiai
LT c Ignalina
LT c Trakai
LT c Švenčionys
LT c Pakruojis
LT c Kalvarija
LT c Lazdijai
LT c Rietavas
LT c Pagėgiai
LT c Birštonas
LT c Šilalė
LT c Akmenė
LT c Neringa
LT c Nida
LT c Kernavė
LT r Žemaitija/Samogitia
LT r Aukštaitija
LT r Dzūkija
LT r Suvalkija
LV c Rīga/Riga|lt:Ryga
LV c Daugavpils|lt:Daugpilis
LV c Liepāja/Liepaja|lt:Liepoja
LV c Jelgava
LV c Jūrmala/Jurmala
LV c Ventspils|lt:Ventspilis
LV c Rēzekne/Rezekne|lt:Rėzeknė
LV c Valmiera
LV c Jēkabpils/Jekabpils|lt:Jekabpilis
LV c Ogre
LV c Tukums
LV c Cēsis/Cesis
LV c Salaspils
LV c Kuldīga/Kuldiga
LV c Sigulda
LV c Ludza
LV c Bauska|lt:Bauskė
LV c Dobele
LV c Talsi
LV c Krāslava/Kraslava
LV c Preiļi
LV c Limbaži
LV c Madona
LV c Gulbene
LV c Alūksne
LV c Balvi
LV c Aizkraukle
LV c Smiltene
LV c Ādaži
LV c Saldus
LV c Olaine
LV r Latgale|lt:Latgala
LV r Kurzeme|lt:Kuršas
LV r Vidzeme
LV r Zemgale|lt:Žiemgala
NO c Oslo|lt:Oslas
NO c Bergen|lt:Bergenas
NO c Trondheim|lt:Trondheimas
NO c Stavanger|lt:Stavangeris
NO c Drammen
NO c Fredrikstad
NO c Kristiansand
NO c Sandnes
NO c Tromsø/Tromso|lt:Tromsė
NO c Sarpsborg
NO c Skien
NO c Ålesund/Aalesund
NO c Sandefjord
NO c Haugesund
NO c Tønsberg
NO c Porsgrunn
NO c Bodø/Bodo
NO c Arendal
NO c Hamar
NO c Larvik
NO c Halden
NO c Lillehammer
NO c Harstad
NO c Molde
NO c Kongsberg
NO c Gjøvik
NO c Horten
NO c Narvik
NO c Hammerfest
NO c Kirkenes
NO c Asker
NO c Bærum
NO c Lørenskog
NO c Steinkjer
NO c Elverum
NO c Levanger
NO c Førde
NO c Grimstad
NO c Kristiansund
NO c Mo i Rana
NO c Vadsø
NO c Vardø
NO r Finnmark
NO r Nordland
NO r Vestland
NO r Rogaland
NO r Viken
NO r Innlandet
NO r Agder
NO r Trøndelag
NO r Hardanger
IS c Reykjavík/Reykjavik|lt:Reikjavikas
IS c Kópavogur
IS c Hafnarfjörður
IS c Akureyri
IS c Reykjanesbær
IS c Garðabær
IS c Mosfellsbær
IS c Selfoss
IS c Akranes
IS c Ísafjörður
IS c Egilsstaðir
IS c Húsavík
LI c Vaduz|lt:Vaducas
LI c Schaan
LI c Balzers
LI c Triesen
LI c Triesenberg
LI c Ruggell
PL c Warszawa/Warsaw|lt:Varšuva
PL c Kraków/Krakow/Cracow|lt:Krokuva
PL c Łódź/Lodz|lt:Lodzė
PL c Wrocław/Wroclaw|lt:Vroclavas
PL c Poznań/Poznan|lt:Poznanė
PL c Gdańsk/Gdansk|lt:Gdanskas
PL c Szczecin|lt:Ščecinas
PL c Bydgoszcz
PL c Lublin|lt:Liublinas
PL c Białystok/Bialystok|lt:Balstogė
PL c Katowice
PL c Gdynia|lt:Gdynė
PL c Częstochowa
PL c Radom
PL c Toruń/Torun
PL c Rzeszów
PL c Kielce
PL c Gliwice
PL c Olsztyn
PL c Bielsko-Biała
PL c Zielona Góra
PL c Opole
PL c Elbląg
PL c Płock
PL c Wałbrzych
PL c Tarnów
PL c Koszalin
PL c Kalisz
PL c Legnica
PL c Słupsk
PL c Suwałki/Suwalki|lt:Suvalkai
PL c Sejny|lt:Seinai
PL c Puńsk|lt:Punskas
PL c Augustów
PL c Zamość
PL c Przemyśl
PL c Nowy Sącz
PL r Lower Silesia/Dolny Śląsk
PL r Masovia/Mazowsze
PL r Lesser Poland/Małopolska
PL r Greater Poland/Wielkopolska
PL r Pomerania/Pomorze
PL r Podlasie|lt:Palenkė
PL r Warmia
PL r Masuria/Mazury
EE c Tallinn|lt:Talinas
EE c Tartu
EE c Narva
EE c Pärnu
EE c Viljandi
EE c Rakvere
EE c Haapsalu
EE c Kuressaare
EE c Võru
EE c Valga
FI c Helsinki|lt:Helsinkis
FI c Espoo
FI c Tampere
FI c Vantaa
FI c Oulu
FI c Turku
FI c Jyväskylä
FI c Lahti
FI c Kuopio
FI c Rovaniemi
FI c Vaasa
FI c Joensuu
SE c Stockholm|lt:Stokholmas
SE c Gothenburg/Göteborg|lt:Geteborgas
SE c Malmö/Malmo|lt:Malmė
SE c Uppsala
SE c Västerås
SE c Örebro
SE c Linköping
SE c Helsingborg
SE c Jönköping
SE c Norrköping
SE c Umeå
SE c Karlskrona
SE c Kalmar
SE c Visby
SE c Luleå
DK c Copenhagen/København|lt:Kopenhaga
DK c Aarhus/Århus
DK c Odense
DK c Aalborg
DK c Esbjerg
DK c Roskilde
DE c Berlin|lt:Berlynas
DE c Hamburg|lt:Hamburgas
DE c Munich/München|lt:Miunchenas
DE c Cologne/Köln|lt:Kelnas
DE c Frankfurt|lt:Frankfurtas
DE c Stuttgart
DE c Düsseldorf
DE c Leipzig|lt:Leipcigas
DE c Dortmund
DE c Bremen
DE c Dresden|lt:Drezdenas
DE c Hanover/Hannover
DE c Nuremberg/Nürnberg
DE c Bonn
DE c Kiel
DE c Rostock
DE c Lübeck
DE c Detmold
DE c Münster
DE c Freiburg
DE c Greifswald
DE c Potsdam
DE c Mainz
IT c Rome/Roma|lt:Roma
IT c Milan/Milano|lt:Milanas
IT c Naples/Napoli|lt:Neapolis
IT c Turin/Torino|lt:Turinas
IT c Palermo
IT c Genoa/Genova|lt:Genuja
IT c Bologna|lt:Bolonija
IT c Florence/Firenze|lt:Florencija
IT c Bari
IT c Catania
IT c Venice/Venezia|lt:Venecija
IT c Verona
IT c Messina
IT c Padua/Padova
IT c Trieste|lt:Triestas
IT c Brescia
IT c Parma
IT c Modena
IT c Reggio Emilia
IT c Reggio Calabria
IT c Perugia
IT c Livorno
IT c Cagliari
IT c Caserta|lt:Kaserta
IT c Salerno
IT c Pisa
IT c Siena
IT c Lecce
IT c Trento
IT c Bolzano
FR c Paris|lt:Paryžius
FR c Marseille|lt:Marselis
FR c Lyon|lt:Lionas
FR c Toulouse|lt:Tulūza
FR c Nantes
FR c Strasbourg|lt:Strasbūras
FR c Montpellier
FR c Bordeaux
FR c Lille
FR c Rennes
FR c Reims
FR c Grenoble
FR c Dijon
FR c Limoges
FR c Amiens
FR c Metz
FR c Besançon
FR c Orléans
FR c Rouen
ES c Madrid|lt:Madridas
ES c Barcelona|lt:Barselona
ES c Valencia|lt:Valensija
ES c Seville/Sevilla|lt:Sevilija
ES c Zaragoza
ES c Málaga/Malaga
ES c Murcia
ES c Bilbao
ES c Alicante
ES c Valladolid
ES c Vigo
ES c Gijón
ES c A Coruña
ES c Granada
ES c Santiago de Compostela
ES c Salamanca
ES c Pamplona
ES c Santander
PT c Lisbon/Lisboa|lt:Lisabona
PT c Porto
PT c Braga
PT c Coimbra
PT c Aveiro
NL c Amsterdam|lt:Amsterdamas
NL c Rotterdam|lt:Roterdamas
NL c The Hague/Den Haag|lt:Haga
NL c Utrecht
NL c Eindhoven
NL c Groningen
NL c Tilburg
NL c Almere
NL c Breda
NL c Nijmegen
NL c Leiden
NL c Maastricht
NL c Haarlem
NL c Delft
NL c Schiedam
NL c Zwolle
BE c Brussels/Bruxelles/Brussel|lt:Briuselis
BE c Antwerp/Antwerpen|lt:Antverpenas
BE c Ghent/Gent
BE c Charleroi
BE c Liège
BE c Bruges/Brugge
BE c Namur
BE c Leuven
BE c Hasselt
BE c Mechelen
BE c Kortrijk
BE c Ostend/Oostende
AT c Vienna/Wien|lt:Viena
AT c Graz
AT c Linz
AT c Salzburg|lt:Zalcburgas
AT c Innsbruck
CH c Zurich/Zürich|lt:Ciurichas
CH c Geneva/Genève|lt:Ženeva
CH c Basel
CH c Bern|lt:Berna
CH c Lausanne
CZ c Prague/Praha|lt:Praha
CZ c Brno
CZ c Ostrava
CZ c Olomouc
CZ c Liberec
SK c Bratislava
SK c Košice
SK c Žilina
SK c Nitra
SK c Trnava
HU c Budapest|lt:Budapeštas
HU c Debrecen
HU c Szeged
HU c Miskolc
HU c Pécs
SI c Ljubljana|lt:Liubliana
SI c Maribor
HR c Zagreb|lt:Zagrebas
HR c Rijeka
HR c Osijek
HR c Zadar
HR c Dubrovnik
RO c Bucharest/București/Bucuresti|lt:Bukareštas
RO c Cluj-Napoca
RO c Timișoara/Timisoara/Timişoara
RO c Iași/Iasi
RO c Constanța/Constanta
RO c Craiova
RO c Brașov/Brasov
RO c Oradea
RO c Sibiu
BG c Sofia|lt:Sofija
BG c Plovdiv|lt:Plovdivas
BG c Varna
BG c Burgas
BG c Ruse
BG c Veliko Tarnovo
GR c Athens/Athina|lt:Atėnai
GR c Thessaloniki|lt:Salonikai
GR c Patras
GR c Heraklion
GR c Larissa
GR c Volos
GR c Ioannina
GR c Chania
GR c Kalamata
CY c Nicosia
CY c Limassol
CY c Larnaca
MT c Valletta
RS c Belgrade/Beograd|lt:Belgradas
RS c Novi Sad
RS c Niš
RS c Kragujevac
RS c Subotica
MK c Skopje
MK c Bitola
MK c Ohrid
AL c Tirana|lt:Tirana
AL c Durrës
AL c Shkodër
AL c Kamëz/Kamez
BA c Sarajevo
BA c Mostar
ME c Podgorica
UA c Kyiv/Kiev|lt:Kijevas
UA c Lviv|lt:Lvovas
UA c Kharkiv
UA c Odesa/Odessa
BY c Minsk|lt:Minskas
BY c Hrodna/Grodno|lt:Gardinas
MD c Chișinău/Chisinau|lt:Kišiniovas
GE c Tbilisi|lt:Tbilisis
TR c Istanbul|lt:Stambulas
TR c Ankara
RU c Moscow|lt:Maskva
RU c Kaliningrad|lt:Karaliaučius
IE c Dublin|lt:Dublinas
IE c Cork
IE c Galway
GB c London|lt:Londonas
GB c Manchester
GB c Birmingham
GB c Edinburgh|lt:Edinburgas
GB c Glasgow
GB c Cardiff
GB c Belfast
GB c Liverpool
GB c Leeds
GB c Bristol
GB c Oxford
GB c Cambridge
LT c Juodkrantė
LT c Preila
LT c Pervalka
LT c Šventoji
LT c Karklė
LT c Dreverna
LT c Rusnė
LT c Smalininkai
LT c Skirsnemunė
LT c Kintai
LT c Žeimelis
LT c Linkuva
LT c Rozalimas
LT c Ariogala
LT c Babtai
LT c Akmenė
LT c Viekšniai
LT c Joniškėlis
LT c Vabalninkas
LT c Dusetos
LT c Obeliai
LT c Pandėlys
LT c Subačius
LT c Troškūnai
LT c Kavarskas
LT c Skaudvilė
LT c Kudirkos Naumiestis
LT c Veisiejai
LT c Simnas
LT c Daugai
LT c Merkinė
LT c Seirijai
LT c Rūdiškės
LT c Vievis
LT c Nemenčinė
LT c Eišiškės
LT c Dūkštas
LT c Salantai
LT c Darbėnai
LT c Ežerėlis
LT c Kybartai
LT c Virbalis
LT c Gelgaudiškis
LT c Jieznas
LT c Birštonas
LT c Kulautuva
LT c Raudondvaris
LT c Zapyškis
LT c Karmėlava
LT c Vilkija
LT c Šeduva
LT c Baisogala
LT c Tytuvėnai
LT c Šiluva
LT c Varniai
LT c Luokė
LT c Žagarė
LT c Rietavas
LT c Alsėdžiai
LT c Plateliai
LT c Mosėdis
LT c Ylakiai
LT c Priekulė
LT c Švėkšna
LT c Kvėdarna
LT c Laukuva
LT c Užventis
LT c Kražiai
LT c Pagėgiai
LT c Vilkyškiai
LT c Ramygala
LT c Krekenava
LT c Grigiškės
LT c Pabradė
LT c Kernavė
LT c Rumšiškės
LT c Žiežmariai
LT c Semeliškės
LT c Dieveniškės
LT c Adutiškis
LT c Antalieptė
LT c Leipalingis
LT c Veliuona
LT c Seredžius
LT r Žaliakalnis
LT r Vilijampolė
LT r Šilainiai
LT r Dainava
LT r Aleksotas
LT r Šančiai
LT r Petrašiūnai
LT r Antakalnis
LT r Žirmūnai
LT r Fabijoniškės
LT r Pašilaičiai
LT r Lazdynai
LT r Karoliniškės
LT r Šnipiškės
LT r Pilaitė
LT r Justiniškės
LT r Viršuliškės
LT r Užupis
LT r Žvėrynas
LT r Kirtimai
LT r Naujininkai
LT r Curonian Spit|lt:Kuršių nerija
LT r Mažoji Lietuva/Lithuania Minor
LT r Ziemeļlietuva
NO c Namsos
NO c Mosjøen
NO c Sortland
NO c Svolvær
NO c Leknes
NO c Florø
NO c Stord
NO c Voss
NO c Odda
NO c Kongsvinger
NO c Hønefoss
NO c Notodden
NO c Egersund
NO c Flekkefjord
NO c Mandal
NO c Risør
NO c Kragerø
NO c Sogndal
NO c Ørsta
NO c Volda
NO c Brønnøysund
NO c Fauske
NO c Finnsnes
NO c Tynset
NO c Røros
NO c Oppdal
NO c Stjørdal
NO c Verdal
NO c Jessheim
NO c Honningsvåg
NO c Båtsfjord
NO c Lyngdal
NO c Farsund
NO r Lofoten
NO r Vesterålen
NO r Senja
NO r Telemark
NO r Østfold
NO r Vestfold
NO r Troms
NO r Hordaland
NO r Svalbard
IS c Höfn
IS c Stykkishólmur
IS c Borgarnes
IS c Sauðárkrókur
IS c Dalvík
IS c Seyðisfjörður
IS c Vestmannaeyjar
IS c Grindavík
IS c Hveragerði
IS c Siglufjörður
IS c Ólafsvík
IS c Neskaupstaður
IS c Blönduós
LI c Eschen
LI c Mauren
LI c Gamprin
LI c Schellenberg
LI c Planken
PL c Nałęczów
PL c Sopot
PL c Łeba
PL c Ustka
PL c Darłowo
PL c Kołobrzeg
PL c Świnoujście
PL c Międzyzdroje
PL c Krynica Morska
PL c Frombork
PL c Malbork
PL c Giżycko
PL c Mrągowo
PL c Ełk
PL c Olecko
PL c Gołdap
PL c Władysławowo
PL c Puck
PL c Jastarnia
PL c Kartuzy
PL c Lębork
PL c Kościerzyna
PL c Tczew
PL c Chojnice
PL c Sandomierz
PL c Zakopane
PL c Kazimierz Dolny
PL r Vistula Spit/Mierzeja Wiślana
PL r Kashubia/Kaszuby
PL r Podlaskie
DE c Schwedt/Oder
DE c Wolgast
DE c Stralsund
DE c Wismar
DE c Flensburg
DE c Sassnitz
DE c Görlitz
DE c Magdeburg
DE c Schwerin
DE c Neubrandenburg
DE c Anklam
DE r Usedom
DE r Rügen
DE r Mecklenburg-Vorpommern
SE c Karlshamn
SE c Ystad
SE c Trelleborg
SE c Simrishamn
SE c Sölvesborg
SE c Kristianstad
SE c Oskarshamn
SE c Västervik
SE c Nynäshamn
SE c Borgholm
SE c Lund
SE c Växjö
SE c Sundsvall
SE c Gävle
SE c Falun
SE c Kiruna
SE r Öland
SE r Gotland
SE r Blekinge
SE r Skåne/Scania
DK c Rønne
DK c Nexø
DK c Svaneke
DK c Gudhjem
DK c Helsingør
DK c Køge
DK c Vejle
DK c Kolding
DK c Fredericia
DK c Svendborg
DK c Nyborg
DK c Næstved
DK c Holbæk
DK r Bornholm
DK r Funen/Fyn
DK r Jutland/Jylland
FI c Hanko
FI c Porvoo
FI c Kotka
FI c Lappeenranta
FI c Pori
FI c Rauma
FI c Mariehamn
FI r Åland
EE c Paide
EE c Jõhvi
EE c Sillamäe
EE c Kärdla
EE r Saaremaa
EE r Hiiumaa
IT c Chioggia|lt:Kjodža
IT c Sottomarina
IT c Rimini
IT c Ravenna
IT c Ancona
)";

// Adjectives and nationality nouns naming a country. ICU has country names
// but not demonyms, so these few are written here.
constexpr std::string_view kDemonyms = R"(NO norwegian norwegians norvegu norvegijos norske norsk norvegiski
IS icelandic icelanders islandu islandijos
LI liechtensteiner liechtensteinian lichtensteino
LT lithuanian lithuanians lietuviu lietuvos lietuvas lithuanias
LV latvian latvians latviu latvijos latvijas
PL polish poles lenku lenkijos
EE estonian estonians estu
FI finnish finns suomiu
SE swedish swedes svedu
DK danish danes danu
DE german germans vokieciu
IT italian italians italu
ES spanish ispanu
FR french prancuzu
BE belgian belgians
NL dutch
GR greek greeks graiku
HR croatian croatians
BG bulgarian bulgarians
RO romanian romanians
RS serbian serbians
UA ukrainian ukrainians ukrainieciu
PT portuguese
CZ czech
SK slovak
HU hungarian
SI slovenian
CY cypriot
MT maltese
GB british
IE irish
)";

struct Entity {
  std::string country;
  bool is_country = false;
  bool is_region = false;
  std::string names_default;  // first name
  std::unordered_map<std::string, std::string> by_language;  // "lt" -> "Oslas"
};

struct Entry {
  std::vector<std::string> rest;  // following folded words
  std::uint32_t entity = 0;
  std::string nominative;  // nominative alias the form belongs to
  std::string lang;        // language of that alias ("" = any)
  bool inflected = false;
};

struct Gazetteer {
  std::vector<Entity> entities;
  std::unordered_map<std::string, std::vector<Entry>, SvHash, std::equal_to<>> by_first;
  std::unordered_map<std::string, std::string, SvHash, std::equal_to<>> country_words;  // folded -> CC
  std::unordered_set<std::string, SvHash, std::equal_to<>> demonyms;
  // by_first's entry lists numbered from 1, so that a word's fact holds its
  // list and a match needs no second hash lookup.
  std::unordered_map<std::string, std::uint32_t, SvHash, std::equal_to<>> first_index;
  std::vector<const std::vector<Entry>*> first_lists;
};

std::vector<std::string> split_words(const std::string& folded) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < folded.size()) {
    std::size_t j = folded.find(' ', i);
    if (j == std::string::npos) j = folded.size();
    if (j > i) out.push_back(folded.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// Lithuanian case forms of a folded nominative, by its ending. Diacritics
// are folded away, so "Kauną" and "Kauna" are one form.
std::vector<std::string> lt_forms(const std::string& w) {
  auto stem = [&](std::size_t n) { return w.substr(0, w.size() - n); };
  std::vector<std::string> out;
  if (w.size() < 4) return out;
  if (ends_with(w, "ius")) {
    std::string s = stem(3);
    out = {s + "iaus", s + "iui", s + "iu", s + "iumi", s + "iuje"};
  } else if (ends_with(w, "iai")) {
    std::string s = stem(3);
    out = {s + "iu", s + "iams", s + "ius", s + "iais", s + "iuose"};
  } else if (ends_with(w, "ai")) {
    std::string s = stem(2);
    out = {s + "u", s + "ams", s + "us", s + "ais", s + "uose"};
  } else if (ends_with(w, "as")) {
    std::string s = stem(2);
    out = {s + "o", s + "ui", s + "a", s + "u", s + "e"};
  } else if (ends_with(w, "ys")) {
    std::string s = stem(2);
    out = {s + "io", s + "iui", s + "i", s + "iu", s + "yje"};
  } else if (ends_with(w, "is")) {
    std::string s = stem(2);
    out = {s + "io", s + "iui", s + "i", s + "iu", s + "yje", s + "yje"};
  } else if (ends_with(w, "us")) {
    std::string s = stem(2);
    out = {s + "aus", s + "ui", s + "u", s + "umi", s + "uje"};
  } else if (ends_with(w, "a")) {
    std::string s = stem(1);
    out = {s + "os", s + "ai", s + "a", s + "oje", s + "as"};  // "-as": Latvian genitive
  } else if (ends_with(w, "e")) {  // -ė folds to -e
    std::string s = stem(1);
    out = {s + "es", s + "ei", s + "e", s + "eje"};
  } else if (ends_with(w, "os")) {
    std::string s = stem(2);
    out = {s + "u", s + "oms", s + "as", s + "ose"};
  }
  return out;
}

// Latvian case forms (genitive, locative) of a folded nominative.
std::vector<std::string> lv_forms(const std::string& w) {
  std::vector<std::string> out;
  if (w.size() < 4) return out;
  auto stem = [&](std::size_t n) { return w.substr(0, w.size() - n); };
  if (ends_with(w, "a")) {
    out = {stem(1) + "as", stem(1) + "a", stem(1) + "ai"};
  } else if (ends_with(w, "e")) {
    out = {stem(1) + "es", stem(1) + "e"};
  } else if (ends_with(w, "i")) {
    out = {stem(1) + "u", stem(1) + "os"};
  } else if (ends_with(w, "s")) {
    out = {stem(1) + "a", stem(1) + "a", stem(1)};
  }
  return out;
}

void add_name(Gazetteer& g, std::uint32_t entity, const std::string& name, const std::string& lang,
              bool inflect_lt, bool inflect_lv) {
  std::string folded = fold_text(name);
  auto words = split_words(folded);
  if (words.empty()) return;
  auto add = [&](std::vector<std::string> w, bool inflected) {
    Entry e;
    e.entity = entity;
    e.nominative = name;
    e.lang = lang;
    e.inflected = inflected;
    std::string first = w.front();
    e.rest.assign(w.begin() + 1, w.end());
    auto& list = g.by_first[first];
    for (const auto& old : list) {
      if (old.rest == e.rest && old.entity == entity && !old.inflected) return;
    }
    list.push_back(std::move(e));
  };
  add(words, false);
  // Only the last word of a name is declined ("Naujosios Akmenės" is rare
  // enough in the genre to be missed).
  if (inflect_lt) {
    for (auto& form : lt_forms(words.back())) {
      auto w = words;
      w.back() = form;
      if (form != words.back()) add(w, true);
    }
  }
  if (inflect_lv) {
    for (auto& form : lv_forms(words.back())) {
      auto w = words;
      w.back() = form;
      if (form != words.back()) add(w, true);
    }
  }
}

const Gazetteer& gazetteer() {
  static const Gazetteer g = [] {
    Gazetteer g;
    // Countries from ICU, in the languages of the genre.
    const char* const langs[] = {"en", "lt", "nb", "is", "lv", "pl"};
    for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) {
      std::string code = *c;
      Entity e;
      e.country = code;
      e.is_country = true;
      icu::Locale region(("und_" + code).c_str());
      std::uint32_t id = static_cast<std::uint32_t>(g.entities.size());
      std::vector<std::pair<std::string, std::string>> names;
      for (const char* lang : langs) {
        icu::UnicodeString n;
        region.getDisplayCountry(icu::Locale(lang), n);
        std::string name;
        n.toUTF8String(name);
        if (name.empty() || name == code) continue;
        if (e.names_default.empty()) e.names_default = name;
        e.by_language.emplace(lang, name);
        names.emplace_back(lang, name);
      }
      if (names.empty()) continue;
      g.entities.push_back(e);
      for (auto& [lang, name] : names) {
        std::string folded = fold_text(name);
        if (folded.size() < 4) continue;  // "Mali", "Chad" would match too much
        bool single = folded.find(' ') == std::string::npos;
        add_name(g, id, name, lang, lang == std::string("lt") && single, lang == std::string("lv") && single);
        if (single) {
          g.country_words.emplace(folded, code);
          if (lang == std::string("lt")) {
            for (auto& f : lt_forms(folded)) g.country_words.emplace(f, code);
          }
        }
      }
    }
    // Short forms pages use that ICU does not list.
    const std::pair<const char*, const char*> extra[] = {
        {"UK", "GB"}, {"Great Britain", "GB"}, {"Britain", "GB"}, {"England", "GB"},
        {"Scotland", "GB"}, {"Wales", "GB"}, {"the Netherlands", "NL"}, {"Holland", "NL"},
        {"Macedonia", "MK"}, {"Czech Republic", "CZ"}, {"Lietuvos Respublika", "LT"},
        {"Republic of Lithuania", "LT"}, {"Turkiye", "TR"}, {"Türkiye", "TR"}};
    for (auto& [name, code] : extra) {
      Entity e;
      e.country = code;
      e.is_country = true;
      e.names_default = name;
      std::uint32_t id = static_cast<std::uint32_t>(g.entities.size());
      g.entities.push_back(e);
      add_name(g, id, name, "", false, false);
      std::string folded = fold_text(name);
      if (folded.find(' ') == std::string::npos) g.country_words.emplace(folded, code);
    }
    // Cities and regions.
    std::size_t pos = 0;
    while (pos < kGazetteer.size()) {
      std::size_t eol = kGazetteer.find('\n', pos);
      if (eol == std::string_view::npos) eol = kGazetteer.size();
      std::string line(kGazetteer.substr(pos, eol - pos));
      pos = eol + 1;
      if (line.size() < 6) continue;
      Entity e;
      e.country = line.substr(0, 2);
      e.is_region = line[3] == 'r';
      std::string rest = line.substr(5);
      std::vector<std::string> sections;
      std::size_t s = 0;
      while (true) {
        std::size_t bar = rest.find('|', s);
        sections.push_back(rest.substr(s, bar == std::string::npos ? std::string::npos : bar - s));
        if (bar == std::string::npos) break;
        s = bar + 1;
      }
      std::uint32_t id = static_cast<std::uint32_t>(g.entities.size());
      std::vector<std::string> aliases;
      s = 0;
      while (true) {
        std::size_t slash = sections[0].find('/', s);
        aliases.push_back(sections[0].substr(s, slash == std::string::npos ? std::string::npos : slash - s));
        if (slash == std::string::npos) break;
        s = slash + 1;
      }
      e.names_default = aliases.front();
      // A Lithuanian or Latvian place's own name is its name in that language.
      if (e.country == "LT") e.by_language["lt"] = aliases.front();
      if (e.country == "LV") e.by_language["lv"] = aliases.front();
      for (std::size_t k = 1; k < sections.size(); ++k) {
        if (sections[k].size() > 3 && sections[k][2] == ':') {
          e.by_language[sections[k].substr(0, 2)] = sections[k].substr(3);
        }
      }
      // A foreign town without a Lithuanian name of its own takes one by the
      // rules for loan names: a final consonant gains "-as" (Haugesund ->
      // Haugesundas, declined "Haugesunde"); names in -a/-ė decline as they
      // are; other vowels are indeclinable.
      if (e.country != "LT" && e.country != "LV" && !e.by_language.count("lt") &&
          aliases.front().find(' ') == std::string::npos && aliases.front().size() >= 4) {
        const std::string& nm = aliases.front();
        unsigned char last = static_cast<unsigned char>(nm.back());
        bool consonant = last < 0x80 && std::string_view("bcdfghjklmnprstvzx").find(static_cast<char>(last)) !=
                                            std::string_view::npos;
        if (consonant) e.by_language["lt"] = nm + "as";
        else if (last == 'a') e.by_language["lt"] = nm;
      }
      g.entities.push_back(e);
      for (const auto& a : aliases) {
        add_name(g, id, a, "", e.country == "LT", e.country == "LV");
      }
      for (const auto& [lang, name] : g.entities[id].by_language) {
        add_name(g, id, name, lang, lang == "lt", lang == "lv");
      }
    }
    // Demonyms.
    pos = 0;
    while (pos < kDemonyms.size()) {
      std::size_t eol = kDemonyms.find('\n', pos);
      if (eol == std::string_view::npos) eol = kDemonyms.size();
      std::string line(kDemonyms.substr(pos, eol - pos));
      pos = eol + 1;
      if (line.size() < 4) continue;
      std::string code = line.substr(0, 2);
      for (auto& w : split_words(line.substr(3))) {
        g.country_words.emplace(w, code);
        g.demonyms.insert(w);
      }
    }
    for (const auto& [w, entries] : g.by_first) {
      g.first_lists.push_back(&entries);
      g.first_index.emplace(w, static_cast<std::uint32_t>(g.first_lists.size()));
    }
    return g;
  }();
  return g;
}

}  // namespace

namespace {

// The longest gazetteer entry starting at token i (the uninflected reading
// on a tie) and its length in tokens; nullptr if none.
// Only tokens before `limit` take part in the match.
const Entry* best_entry(const Doc& doc, std::size_t i, std::size_t& best_len, std::size_t limit) {
  best_len = 0;
  if (i >= limit || !doc.is_word(i) || !(doc.toks[i].flags & kUpperInitial)) return nullptr;
  const Gazetteer& g = gazetteer();
  // Most capitalised words begin no place name: decided once per word (the
  // word's fact is its list of entries, numbered from 1).
  const std::int32_t list = doc.fact(WordFact::kPlaceFirst, i);
  if (list <= 0) return nullptr;
  const Entry* best = nullptr;
  for (const Entry& e : *g.first_lists[static_cast<std::size_t>(list - 1)]) {
    std::size_t k = i + 1;
    bool ok = true;
    for (const auto& w : e.rest) {
      // Words of a name may be joined by a hyphen ("Saint-Omer", "Bielsko-Biała").
      if (limit > k && doc.toks[k].kind == Tok::kPunct && is_dash(doc.toks[k].cp) && doc.glued(k)) ++k;
      if (k >= limit || !doc.is_word(k) || doc.f(k) != w) {
        ok = false;
        break;
      }
      ++k;
    }
    if (!ok) continue;
    std::size_t len = k - i;
    // Prefer longer matches, then the uninflected reading.
    if (len > best_len || (len == best_len && best && best->inflected && !e.inflected)) {
      best = &e;
      best_len = len;
    }
  }
  return best;
}

}  // namespace

std::size_t match_place(const Doc& doc, std::size_t i, PlaceInfo& out) {
  std::size_t best_len = 0;
  const Entry* best = best_entry(doc, i, best_len, doc.size());
  if (!best) return 0;
  const Gazetteer& g = gazetteer();
  const Entity& ent = g.entities[best->entity];
  out.country = ent.country;
  out.is_country = ent.is_country;
  out.is_region = ent.is_region;
  out.written = clean(doc.raw(i, i + best_len));
  auto lang = ent.by_language.find(doc.language);
  if (lang != ent.by_language.end() && (best->inflected || best->lang == doc.language ||
                                        best->lang.empty())) {
    // The text's own language names it: "Osle" -> "Oslas"; in an English
    // text "Oslo" stays "Oslo" because English has the name as written.
    if (best->inflected || doc.language == "lt" || doc.language == "lv") {
      out.name = lang->second;
    } else {
      out.name = out.written;
    }
  } else if (best->inflected) {
    out.name = best->nominative;
  } else {
    out.name = out.written;
  }
  out.inflected = best->inflected;
  return best_len;
}

std::size_t place_country_at(const Doc& doc, std::size_t i, std::string_view& country, bool& is_country) {
  std::size_t best_len = 0;
  const Entry* best = best_entry(doc, i, best_len, doc.size());
  if (!best) return 0;
  const Entity& ent = gazetteer().entities[best->entity];
  country = ent.country;
  is_country = ent.is_country;
  return best_len;
}

std::string country_of_word(std::string_view folded) {
  const Gazetteer& g = gazetteer();
  auto it = g.country_words.find(folded);
  return it == g.country_words.end() ? std::string() : it->second;
}

std::int32_t place_first_fact(std::string_view w) {
  const Gazetteer& g = gazetteer();
  auto it = g.first_index.find(w);
  return it == g.first_index.end() ? std::int32_t{0} : static_cast<std::int32_t>(it->second);
}

std::int32_t country_word_fact(std::string_view w) {
  const Gazetteer& g = gazetteer();
  auto it = g.country_words.find(w);
  if (it == g.country_words.end() || it->second.size() != 2) return 0;
  return static_cast<std::int32_t>(static_cast<unsigned char>(it->second[0]) |
                                   (static_cast<unsigned char>(it->second[1]) << 8));
}

void gazetteer_words(std::vector<std::string_view>& out) {
  const Gazetteer& g = gazetteer();
  for (const auto& [w, entries] : g.by_first) out.push_back(w);
  for (const auto& [w, code] : g.country_words) out.push_back(w);
}

std::string country_word_at(const Doc& doc, std::size_t i) {
  // The code's two letters packed in an int (WordFact::kCountryWord).
  std::int32_t v = doc.fact(WordFact::kCountryWord, i);
  if (v == 0) return {};
  return std::string{static_cast<char>(v & 0xFF), static_cast<char>(v >> 8)};
}

bool is_demonym(std::string_view folded) { return gazetteer().demonyms.find(folded) != gazetteer().demonyms.end(); }

std::string country_in_range(const Doc& doc, std::size_t a, std::size_t b) {
  // As country_from_text(doc.raw(a, b)), on the page's own tokens: a match
  // may not reach past b, as it could not in the text cut at b.
  if (a >= b || b > doc.size()) return {};
  for (std::size_t i = a; i < b; ++i) {
    std::size_t len = 0;
    const Entry* e = best_entry(doc, i, len, b);
    if (e && gazetteer().entities[e->entity].is_country) return gazetteer().entities[e->entity].country;
  }
  for (std::size_t i = a; i < b; ++i) {
    if (!doc.is_word(i)) continue;
    std::string c = country_word_at(doc, i);
    if (!c.empty()) return c;
  }
  return {};
}

std::string country_from_text(std::string_view raw) {
  Doc d = tokenize(raw);
  d.language = "en";
  for (std::size_t i = 0; i < d.size(); ++i) {
    PlaceInfo p;
    if (std::size_t n = match_place(d, i, p); n > 0) {
      if (p.is_country) return p.country;
    }
  }
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (!d.is_word(i)) continue;
    std::string c = country_of_word(d.f(i));
    if (!c.empty()) return c;
  }
  return {};
}

}  // namespace tiltas::extract::detail
