/**
 * Conventional Russian forms of English given names, as Russian media write them (the letter rules
 * of transcribe.ts would guess wrong: Michael is Майкл, not Мичаэл). Several forms where usage
 * varies (Brittney: Бриттни and Бритни). One line per name: `latin: форма форма`.
 */
const TABLE = `
aaron: аарон арон
adam: адам
alan: алан
albert: альберт
alex: алекс
alexander: александр
alexandra: александра
alexis: алексис
alice: элис алиса
allen: аллен
amanda: аманда
amy: эми
andrew: эндрю
andy: энди
angela: анджела
ann: энн
anna: анна
anne: энн
anthony: энтони
arthur: артур
ashley: эшли
austin: остин
barbara: барбара
ben: бен
benjamin: бенджамин
bill: билл
billy: билли
bob: боб
bobby: бобби
brandon: брэндон брендон
brian: брайан
brittany: бриттани бритни
brittney: бриттни бритни
bruce: брюс
bryan: брайан
carl: карл
carol: кэрол
catherine: кэтрин
charles: чарльз
charlie: чарли
chris: крис
christian: кристиан
christine: кристин
christopher: кристофер
chuck: чак
cynthia: синтия
dan: дэн
daniel: дэниел дэниэл даниэль
danny: дэнни
david: дэвид дейвид
dennis: деннис
diana: диана
donald: дональд
doug: дуг
douglas: дуглас
dylan: дилан
ed: эд
edward: эдвард
elizabeth: элизабет
emily: эмили
emma: эмма
eric: эрик
ethan: итан
eugene: юджин
evan: эван
frank: фрэнк
gary: гэри гари
gene: джин
george: джордж
gordon: гордон
grace: грейс
greg: грег
gregory: грегори
hannah: ханна
harold: гарольд
harry: гарри
helen: хелен
henry: генри
hillary: хиллари
ian: иэн ян
jack: джек
jacob: джейкоб
jake: джейк
james: джеймс
jamie: джейми
jane: джейн
janet: джанет
jason: джейсон
jeff: джефф
jeffrey: джеффри
jennifer: дженнифер
jeremy: джереми
jerry: джерри
jesse: джесси
jessica: джессика
jill: джилл
jim: джим
jimmy: джимми
joan: джоан
joe: джо
joel: джоэл
john: джон
johnny: джонни
jonathan: джонатан
jordan: джордан
joseph: джозеф
josh: джош
joshua: джошуа
joyce: джойс
judith: джудит
julia: джулия
julie: джули
justin: джастин
karen: карен
kate: кейт
katherine: кэтрин
kathleen: кэтлин
keith: кит
kelly: келли
ken: кен
kenneth: кеннет
kevin: кевин
kim: ким
kyle: кайл
larry: ларри
laura: лора
lauren: лорен
lawrence: лоуренс
leonard: леонард
linda: линда
lisa: лиза
lou: лу
louis: луис луи
marc: марк
margaret: маргарет
maria: мария
mark: марк
martha: марта
martin: мартин
mary: мэри
matt: мэтт
matthew: мэттью мэтью
megan: меган
melissa: мелисса
michael: майкл
michelle: мишель
mike: майк
nancy: нэнси
nathan: натан нейтан
nick: ник
nicholas: николас
nicole: николь
noah: ноа
oliver: оливер
patricia: патрисия
patrick: патрик
paul: пол
peter: питер
philip: филип
phillip: филип
rachel: рейчел
ralph: ральф
randy: рэнди
ray: рэй
raymond: реймонд
rebecca: ребекка
richard: ричард
rick: рик
rob: роб
robert: роберт
roger: роджер
ron: рон
ronald: рональд
rose: роуз
roy: рой
russell: рассел
ruth: рут
ryan: райан
sam: сэм
samantha: саманта
samuel: сэмюэл
sandra: сандра
sara: сара
sarah: сара
scott: скотт
sean: шон
sharon: шэрон
stephanie: стефани
stephen: стивен
steve: стив
steven: стивен
susan: сьюзан
taylor: тейлор
ted: тед
terry: терри
thomas: томас
tim: тим
timothy: тимоти
tom: том
tommy: томми
tony: тони
travis: трэвис тревис
trevor: тревор
tyler: тайлер
victoria: виктория
vincent: винсент
walter: уолтер
wayne: уэйн
whitney: уитни
william: уильям
willie: уилли
`;

export const GIVEN_NAME_FORMS: ReadonlyMap<string, readonly string[]> = new Map(
  TABLE.trim()
    .split('\n')
    .map((line) => {
      const [latin, forms] = line.split(':');
      return [latin!.trim(), forms!.trim().split(/\s+/)] as const;
    }),
);
