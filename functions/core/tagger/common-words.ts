import { keySet } from '../text/word-keys';
import { WORD_LIST_KEYS } from '../text/word-list-keys.generated';

/**
 * Word lists behind the surname rule (docs/tagging.md). Compared by key, so "Reed", "REED" and
 * "Рид" are one word. Kept short on purpose: a surname missing here still needs capitalisation and
 * must not be part of another name; users can always set `surnameRule` per person.
 */

/** Frequent English words (including ones that are also surnames: bout, reed, rice, bush...). */
const ENGLISH = `
a about above across after again against all almost also although always am among an and another any are around as at
away back be because been before being below between both but by can could did do does doing done down during each either
else enough even ever every few for from further get gets got had has have having he her here hers him his how however i if
in into is it its just least less like made make many may me might more most much must my neither never no nor not now of
off often on once one only or other our out over own per perhaps quite rather same shall she should since so some still such
than that the their them then there these they this those though through thus to too under until up upon us very was we well
were what when where whether which while who whom whose why will with within without would yet you your
new old good great big small long high low little last first next early late young major best better real right left free
full general public national local great certain clear close common hard human large open past political possible recent
said says say told tell asked called came come went go goes going gone took take taken gave give given put set run ran
saw see seen found find made know known knew think thought want wanted used use using became become seemed seem kept keep
left leave held hold brought bring began begin stood stand heard hear meant mean lost lose paid pay met meet led lead
time year years day days week weeks month months today yesterday tomorrow morning night way world life man men woman women
child children people part place case point group company number fact home house room area money story issue side kind head
hand hands eye eyes word words business service services job jobs lot law court end game line name names power war state
states city country family school system program programme question government report office level order court police
meanwhile moreover nevertheless nonetheless instead indeed later earlier today tonight also furthermore therefore besides
according despite including regarding concerning following during after before against amid among
mr mrs ms dr sir madam lord lady
bout reed rice bush brown white black green gray grey young king price rose hunt page bell wood hill stone cook baker
miller smith taylor clark wright walker hall allen lewis scott hill moore wood martin jackson thompson turner parker
carter marsh mills fox frank bond grant grace hope joy faith will bill mark rich may june april august ray dean
case power cross long short little lamb wolf bird fish swan crane drake hawk finch nash law pope bishop knight
major chance sharp strong swift sterling winter summer spring frost snow storm rain hale gay head foot hand
banks barr bates beck best booth brand burns butler chase church cole day dole duke earl english french field fields
ford gates glass gold golden good gross guy hart hay hays holmes hood house irving jay jones kay keen kent lane
lord love lowe mann mason may mercer morgan noble north park parks penn person pierce pike plant poe power
pratt pride read rich rivers roach rock rush sale salt sand savage shaw short sims small spear stark steel
stout street strong sweet tate temple toll tower trump tucker vance wade walls ward warren waters webb west
wells wise wolf wolfe woods young bout brittle
`;

/** Frequent given names (a surname that is also one, e.g. "Reed Hastings", needs the person established). */
const GIVEN = `
james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald steven
paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan
stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron
jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian keith roger terry gerald harold sean
austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah
randy roy vincent ralph eugene russell bobby mason philip louis lou reed neil dean grant lewis morgan taylor carter
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley kimberly
emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela
shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet catherine maria
heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl
hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy sophia grace denise
amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori rose
ivan sergei sergey alexei alexey dmitry dmitri vladimir nikolai mikhail andrei andrey yuri boris pavel oleg igor viktor
victor konstantin anatoly maxim roman ilya evgeny yevgeny natalia olga tatiana elena yelena svetlana irina anastasia
lev anton arkady denis fyodor gennady grigory kirill leonid nikita pyotr semyon stanislav timur vadim valery vasily
vitaly vyacheslav yaroslav yegor ksenia daria ekaterina yekaterina yulia marina galina lyudmila nadezhda vera
polina sofia alina evan trevor pablo patrick kevin vladislav ruslan artem artyom aleksandr alexander
ron mike bob tom jim bill steve dan ted nick max sam ben tony greg liz kate sue rob will pat al fred ed tim rick chris
matt andy josh ken jeff jon jake luke ian colin simon hugh hank chuck marc phil jane jill julia sally molly kathy jenny beth
рон джек лу боб том билл майк стив дэн тед ник макс сэм бен тони грег лиз кейт сью роб пэт джон джим пол питер дэвид
джеймс майкл роберт уильям ричард томас чарльз марк кевин эрик стивен дональд джордж эндрю джош кен джефф ларри скотт
фрэнк патрик энтони дэниел мэтью крис тим эд фред джо алан гарри генри мэри джейн джулия салли дженнифер элизабет
`;

/** Frequent surnames, which on their own rarely mean one particular person. */
const SURNAMES = `
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson thomas
taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis robinson walker young allen king
wright scott torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell carter roberts gomez
phillips evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz
morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez wood james bennett
gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster jimenez powell jenkins perry russell
sullivan bell coleman butler henderson barnes gonzales fisher vasquez simmons romero jordan patterson alexander hamilton
graham reynolds griffin wallace moreno west cole hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford
castro marshall owens harrison fernandez mcdonald woods washington kennedy wells vargas henry chen freeman webb tucker
guzman burns crawford olson simpson porter hunter gordon mendez silva shaw snyder mason dixon munoz hunt hicks holmes
palmer wagner black robertson boyd rose stone salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols
stephens soto weaver ryan gardner payne grant dunn kelley spencer hawkins arnold pierce vazquez hansen peters santos hart
walsh byrne ryan oconnor obrien doyle mccarthy gallagher doherty kennedy lynch murray quinn moore mclaughlin carroll
connolly daly connell wilson dunne brennan burke collins campbell clarke johnston hughes farrell fitzgerald brown martin
maguire nolan flynn thompson callaghan boyle healy shea white sweeney hayes kavanagh power mcgrath moran brady stewart
casey foley fitzpatrick leary mcdonnell mahony donnell ohara whelan barry kenny kane keane
ivanov smirnov kuznetsov popov vasiliev petrov sokolov mikhailov novikov fedorov morozov volkov alekseev lebedev
semenov egorov pavlov kozlov stepanov nikolaev orlov andreev makarov nikitin zakharov
`;

/** Words that may stand before a surname without making it someone else's name ("Mr Bout", "Minister Ryabkov"). */
const TITLES = `
mr mrs ms miss mister dr doctor sir dame lord lady madam prof professor president vice deputy minister prime premier
secretary senator sen rep representative congressman congresswoman governor gov mayor judge justice attorney lawyer
general gen colonel col major captain capt lieutenant lt sergeant sgt admiral commander officer agent detective
ambassador envoy chancellor chairman chair chief director king queen prince princess pope father rev reverend bishop
rabbi imam sheikh comrade citizen businessman pilot defendant prisoner inmate detainee journalist reporter spokesman
spokeswoman foreign former late dissident opposition leader activist analyst editor writer author singer actor player
coach striker manager boss founder ceo
господин госпожа президент министр замминистра посол судья генерал полковник депутат
`;

/** The lists as written, for the generator of text/word-list-keys.generated.ts (no bundle includes them). */
export const COMMON_WORD_LISTS = { english: ENGLISH, given: GIVEN, surnames: SURNAMES, titles: TITLES } as const;

// Their word keys, computed at build time (text/word-list-keys.ts): keying ≈ 1,300 words here took ≈ 5 ms of every init
// (docs/benchmarks.md, "Lambda cold start", says what a cold ingest invocation gets back of it).
export const COMMON_WORDS = keySet(WORD_LIST_KEYS.commonWords);
export const GIVEN_NAMES = keySet(WORD_LIST_KEYS.givenNames);
export const COMMON_SURNAMES = keySet(WORD_LIST_KEYS.commonSurnames);
export const TITLE_WORDS = keySet(WORD_LIST_KEYS.titleWords);

/** A surname that is also a common word or a common name: only counts alone once the person is established. */
export function isAmbiguousSurname(key: string): boolean {
  return COMMON_WORDS.has(key) || GIVEN_NAMES.has(key) || COMMON_SURNAMES.has(key);
}
