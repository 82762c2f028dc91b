package io.smsfoundation.domain.language;

import java.util.HashMap;
import java.util.Map;

/**
 * Word weights per language, built once at class load and read-only afterwards. Keys are lower
 * case; every accented key is also reachable through its unaccented spelling because tenants often
 * type without accents.
 */
final class Lexicon {

  /** Evidence one word gives for each language; zero means the word says nothing about it. */
  record Weights(double en, double es, double pt) {

    static final Weights NONE = new Weights(0, 0, 0);

    Weights max(Weights other) {
      return new Weights(Math.max(en, other.en), Math.max(es, other.es), Math.max(pt, other.pt));
    }
  }

  /** Weight of a word spelled the same in Spanish and Portuguese, for each of the two. */
  private static final double SHARED = 0.8;

  /** Frequent English function words, pronouns, courtesy words and chat abbreviations. */
  private static final String EN_STRONG =
      """
      the you your you're youre yours and is are was were i i'm i'll i've i'd it it's its this
      that that's thats these those what what's whats when where which who who's why how with have
      has had haven't hasn't don't doesn't didn't isn't aren't wasn't weren't can't cant won't
      wont wouldn't couldn't shouldn't dont doesnt didnt isnt arent wasnt havent hasnt couldnt
      wouldnt shouldnt not my our ours their they they're theyre them we we're we'll we've she her
      hers him his will would could should can please pls plz thanks thank thx thnx tysm yes yeah
      yep yup nope hello hi hey of for from about there here been be just if or but at on by up
      out get got know need want because also very really today tomorrow tonight yesterday morning
      afternoon evening sorry someone somebody anyone anybody nobody everyone something anything
      nothing everything already again lol lmao lmfao omg idk omw btw tbh nvm np brb ttyl wyd wya
      hbu fyi smh ur ma'am sir appreciate gonna wanna gotta ain't let's ty let set least
      """;

  /**
   * English content words and verb forms, including the rental vocabulary tenants use. Street
   * abbreviations, "unit"/"apt" and payment app names are left out on purpose: they appear in
   * names, addresses and amounts, which carry no language.
   */
  private static final String EN_CLEAR =
      """
      rent lease landlord tenant tenants maintenance repair repairs fix fixed fixing broken broke
      leak leaking leaks leaked leaky apartment building office key keys door doors window windows
      floor floors ceiling wall walls roof kitchen bathroom bedroom room rooms closet cabinet
      cabinets counter drawer tile pipe pipes sink toilet shower tub bathtub faucet drain heater
      heat water hot cold fridge freezer stove oven microwave dishwasher washer dryer garage gate
      mail mailbox package packages delivery locker trash garbage recycling dumpster noise noisy
      loud quiet neighbor neighbors neighbour upstairs downstairs dog dogs cat cats pet pets money
      fee fees balance payment payments late notice month months week weeks weekend day days time
      times mold mildew smell smells smoke fire light lights power outage breaker bulb switch
      outlet paint carpet blinds lock locked unlocked stuck call calling called text texting
      texted send sent pay paid paying come coming came leave leaving left go going went gone see
      saw seen tell told make made take took give gave put keep keeps kept work works working
      worked check checked checking move moving moved renew renewal renewing sign signed drop
      dropped pick picked bring brought try trying tried think thought said say says ask asked
      asking wait waiting stop stopped start started run running clean cleaned cleaning turn
      turned open opened close closed receive received getting does did doing done goes lost find
      found use used live living lives feel hear heard look looking looks mean understand sleep
      park parked parking charge charged charges owe owed due return returned knock knocking
      submit submitted confirm dispute deposit refund good great fine sure awesome cool perfect
      nice bad new old next last same never always only maybe right now soon later early ago much
      many more less other another every each all both thing things home house car spot husband
      wife son daughter kids kid baby mom dad brother sister roommate boyfriend girlfriend friend
      guy guys people person inside outside yet still anymore too so than then while until til
      till after before since during into over under through around between without cause cuz
      alright sounds problem problems issue issues question questions message number phone email
      address name first second third fourth fifth hundred thousand dollars bucks account receipt
      order online amount ready happy glad welcome busy sick hurt emergency urgent asap quick
      quickly fast slow monday tuesday wednesday thursday friday saturday sunday january february
      june july august september october november december one two three four five six seven eight
      nine ten eleven twelve twenty thirty hour hours minute minutes noon midnight bill bills bugs
      roaches roach mice mouse rats pest ants spider spiders vent vents fan thermostat elevator
      stairs stairwell hallway lobby lot towed tow truck pool gym laundry quarters detector alarm
      battery chirping beeping dripping drip clogged jammed flooding flooded flood cracked crack
      mess dirty inspection inspector contractor plumber electrician manager staff front back yard
      lawn grass snow ice weather hotter colder warm warmer cooling heating blowing making banging
      grinding shut shutoff off down any anyways anyway though tho thru rn tmrw tmr tmw yall y'all
      bc cus coz wants needs needed wanted lets letting well oh dear hope hoping shall might must
      gotten apologize apologies forgot forget remember remind reminder wrong permit sticker
      visitor guest fob remote code buzzer sublease statement invoice credit debit card autopay
      transfer bank waive waived prorated walkthrough anytime whenever someone's everyday able
      unable allowed like some way even most year years night bye probably actually pretty little
      lots whose whom although unless whether either neither few several enough such different own
      better best worse worst true ever sometimes often usually twice away across along behind
      below above near far wow ugh jk imo lemme gimme dunno kinda sorta nite gr8 l8r looked felt
      began seemed showed played ran lived happened wrote sat stood met changed understood watched
      followed spoke read spent walked offered remembered loved bought waited stayed fell cut
      reached passed sold decided pulled happen happens believe thankful hopefully honestly
      basically literally definitely unfortunately tonite tomorow tommorow tomorrows recieved
      recieve becuase becasue beacuse wich thier alot dosent untill gotcha wat wut sry srry thnks
      tnx cya yw
      """;

  /** Short English words that also occur as abbreviations or in other languages. */
  private static final String EN_WEAK =
      """
      in an us mr mrs ms r
      """;

  /** Frequent Spanish words that Portuguese spells differently. */
  private static final String ES_STRONG =
      """
      el los las del al y es son están estoy estás estaba estaban hay muy pero ya yo usted ustedes
      ud uds le les lo su sus mi mis tú qué quién quien quiénes cuál cual cuáles cuándo cuando
      cuánto cuánta cuántos cuántas cuanto cuanta cuantos cuantas dónde donde cómo hola gracias
      bueno buena buenos buenas bien sí si nadie alguien mucho mucha muchos muchas muchísimas
      muchísimo otra otro otros otras veces hoy mañana ayer ahora ahorita luego después noche año
      porfa porfavor disculpe disculpa disculpen perdón siento necesito necesita necesitan
      necesitamos tengo tiene tienen tenemos tienes tenía puedo puede pueden puedes pudo pudieron
      podría podrían quiero quiere quería queremos quisiera voy vas va van viene vienen vino
      vinieron vengan hago hace hacen hice hizo hacer dijo dijeron dice dicen digo dije pagué pagó
      pagaron llamar llame llamen llamo llamó llama llamada llega llegó llegue llegué llegan
      llegando dejar dejo deja dejó dejé dejaron dejen arreglar arregló arreglaron arreglen
      arreglo sirve salir salió salgo salí cerrar cierra cerraron cambiar cambien cambió cambiaron
      limpiar limpiaron poner puso pusieron prender prenden prende firmar firmé avisaron trabajo
      trabajando trabajar cuarto baño cocina llave llaves puerta ventana techo pared caliente fría
      frío ruido olor humo cucarachas cucaracha ratones ratón chinches hormigas arañas basura
      vecino vecinos vecina vecinas perro perros renta dinero oficina mantenimiento gotera
      goteando gotea tapado tapada tapó roto rota descompuesto descompuesta calefacción calentador
      estufa refri refrigerador nevera lavadora lavaplatos inodoro lavabo fregadero regadera
      alfombra escalera escaleras pasillo buzón paquete cobro cobraron recargo cuenta señor señora
      doña dios bendiga listo órale ándale oiga oye mire entonces pues también tampoco todavía aún
      allí allá ahí acá así mismo misma ese esa eso esto estos aquel nuestro nuestra nuestros ella
      ellos ellas él nosotros hijo hija hijos hijas mamá hermano hermana niños niño niña con sin
      en hasta hacia mientras aunque ni lunes martes miércoles jueves viernes enero febrero marzo
      mayo junio julio septiembre octubre noviembre diciembre siete ocho nueve diez doce quince
      veinte treinta xq tmb ntp xfa xfavor tqm nomás wey güey acuerdo mandé mándeme mándenme
      dígame avíseme avísenme déjeme ayúdeme ayuda ayudar entiendo quedó queda quedan fue estuvo
      hubo había habían hemos recámara recámaras departamento depa tubería llanta estacionamiento
      estacionar estaciona cochera sillón colchón luces foco focos enchufe enfría enfriando
      calienta helando afuera adentro arriba abajo adelante lejos rápido despacio nuevo nueva
      viejo vieja pequeño pequeña chiquito chiquita feo fea demás pendiente mensaje mensajes
      correo pregunta respuesta contestar contesten hablar hablé habló hablo hable pregunté envié
      recibí recibió recibir recibieron entregaron devuelven regresan regreso regresa vuelvo
      vuelve agradezco agradecería mojado mojada inundado humedad moho grúa permiso invitado
      invitados portón timbre contenedor reembolso inspección mudanza efectivo tarjeta edificio un
      una unos unas han siempre tiempo menos poco mejor decir algunos algunas algún alguna casi
      nunca tener eran fueron sería sea cosa cosas verdad hombre mujer padre madre ojalá quizás
      ocupo ocupas checar llámame escríbeme avísame mándame horita tantito vaya coche móvil tío
      ratito pronto
      """;

  /** Spanish content words and less frequent verb forms, plus informal spellings. */
  private static final String ES_CLEAR =
      """
      pague cobró mudarme renovación revisen revisaron venir ven vienes vayan pongan quite quiten
      quitar quitaron sube subió bajar baja bajó secadora cocinar duermo viven sabía sé saben supe
      entendí escribir escribo veo vio verlo mirar encontré perdí perdió olvidé olvidó olvidar
      recoger recojo pasé iba irme debo debe debemos deben debía cuesta costo precio pagos cargo
      cargos deposité desalojo abogado rato aire acondicionado abanico alberca gimnasio lavandería
      garaje reja seguridad cámara cámaras ladrón robo robaron policía fiesta fiestas bulla
      peleando mascota mascotas ladra ladrando mugre sucio sucia limpio limpia plaga fumigar
      fumigación exterminador plomero electricista trabajador trabajadores persona personas esposo
      suegra suegro novio novia compañero compañera dueño dueña encargado encargada administración
      administrador pa pal pos ps bn grax grasias neta chido mande sale temprano cerca uno años
      cuatro fin fuera creo llegar primero nombre esos posible servicio sino según tuvo mira lleva
      haber manera ejemplo mayor gran hecho además cualquier paso ke kiero stoy sta stamos toy
      tons onda weno wena nesesito sip sipi porfis simón
      """;

  /** Spanish words that also mean something (else) in English or Portuguese. */
  private static final String ES_WEAK =
      """
      okey vale dime
      """;

  /** Frequent Portuguese words that Spanish spells differently. */
  private static final String PT_STRONG =
      """
      não nao sim tem você voce vc vcs vocês voces é um uma uns umas das na nas ao aos à às pelo
      pela pelos pelas pra com sem em mais muito muita muitos muitas mto obrigado obrigada obg
      brigado brigada obrigadão brigadão valeu vlw tá tô estou estava estavam estão tava tavam eu
      ele ela eles elas nós meu minha meus minhas sua seus suas nosso nossa nossos nossas dele
      dela deles delas isso isto esse essa esses essas aquele aquela aquilo aí lá já ainda agora
      hoje hj amanhã ontem depois dps cedo noite manhã mês bom boa bem tudo td tds ninguém alguém
      algum alguma nenhum nenhuma também tbm só então quando qdo qnd quanto quanta quantos quantas
      qto onde cadê kd qual quais quem oi olá tchau beleza blz desculpa desculpe pfv pfvr certeza
      ctz combinado fechado pode posso podem poderia preciso precisa precisam precisamos quero
      quer queria vou vai vão vem vêm venho veio vieram vir tenho têm tinha temos ter faz fazer
      faço fiz fez fizeram deu dá dou falei falou falaram falar disse disseram sei acho achei
      consigo consegue conseguir consegui conseguimos paguei pagou pagaram pagamento deixo deixar
      deixei deixa deixou deixem mandei mandem mandou mandaram ligar liga ligue liguei ligou
      chegou chegar cheguei chegando chegaram recebi receber recebo recebeu receberam esqueci
      esqueceu arrumar arrumaram arrumou arruma consertar consertou conserto consertaram trocar
      troca trocaram quebrou quebrado quebrada quebraram vazando vazamento vazou goteira pingando
      entupido entupida entupiu funcionando fecha fechar fechou fecharam sair saio saindo saiu
      morar moro mora moramos trabalho trabalhando trabalhar trabalhei quarto banheiro cozinha
      chave chaves porta janela chão teto parede quente gelada gelado gelando geladeira lixo
      lixeira vizinho vizinhos vizinha cachorro vaga garagem aluguel dinheiro comprovante
      escritório síndico porteiro portaria manutenção barulho cheiro fumaça barata baratas ratos
      mofo aquecedor fogão pia vaso descarga chuveiro torneira portão caixa correio encomenda
      encomendas cobrança cobraram cobrou taxa juros boleto pix parcela parcelar parcelamento
      mensal senhor senhora deus graças ótimo perfeito entendi entendido poxa vish eita opa uai né
      filho filha filhos marido mãe pai irmão irmã sogra namorado namorada criança crianças bebê
      segunda terça quarta quinta sexta feira janeiro fevereiro março maio junho julho setembro
      outubro novembro dezembro dois duas três quatro sete oito nove dez onze doze quinze vinte
      trinta até agr fds flw cmg tmj bjs aham uhum fica ficou ficar fico vamo tamo certinho assim
      daqui dali gostaria prédio apto armário cano encanamento molhado molhada alagado umidade
      formigas aranha percevejo alarme lâmpada tomada reciclagem estacionar guincho convidado
      controle senha interfone campainha correspondência vistoria reembolso devolvem cartão
      transferência pude puderam estive vim foi quis perguntar perguntei respondem enviei olhar
      olhou viu colocaram tiraram abriram entraram volto agradeço fora embaixo cima perto longe
      rápido devagar novo nova velho velha pequeno pequena mensagem mensagens resposta moço moça
      rapaz pessoal galera ou nem num numa lhe teu tua teus tuas sou são eram tive teve tivemos
      tiveram tínhamos tinham esteve estivemos sempre logo tempo coisa coisas verdade talvez legal
      certo dei pegar peguei pegou levar levei levou trazer trouxe coloquei botei tirei abri abriu
      fechei esperei tentar tentei achar avisei lembrar esquecer acontecer aconteceu licença mt nd
      sla diz dizer feito fiquei saí entrei entrou homem mulher pouco pouca menos melhor alguns
      algumas mamãe papai vó vovó
      """;

  /** Portuguese content words and less frequent verb forms, plus informal spellings. */
  private static final String PT_CLEAR =
      """
      os eh ne gente tipo mesmo mesma ar condicionado lavanderia segurança câmera ladrão roubo
      roubaram polícia festa som maconha cocô sujeira sujo suja limpo limpa limpeza infiltração
      dedetização dedetizar encanador pessoa pessoas esposa sogro noivo noiva colega dono dona
      administração administradora renovação mudança revisem venham vierem passar passo passei
      passou ia devo deve devemos devem devia custa custo preço depositei despejo advogado
      pagamentos luzes atraso atrasado atrasei atrasou depósito foram havia seja estes ali vezes
      olhei qualquer maior nome primeiro maneira serviço possível fim creio kero brigadu presiso
      vamu
      """;

  /** Portuguese shorthand too short to be decisive alone ("n" for "não"). */
  private static final String PT_WEAK =
      """
      ss n
      """;

  /** Spelled the same in Spanish and Portuguese: tells them from English, not from each other. */
  private static final String SHARED_ES_PT =
      """
      número importante durante falta lugar poder meses vi aki x de que por para como todo todos
      toda todas casa agua carro gato contrato recibo cheque multa semana hora horas tarde antes
      desde entre sobre claro cada solo pago pagar mandar mando renovar esperar espero esperando
      entrar abrir abre funciona elevador gerente calor luz saldo domingo sábado abril agosto
      cinco seis mil esposa amigo amiga apartamento sabe saber avisar aviso igual normal problema
      problemas momento mal pronto dos podemos queremos vamos ir rato carta documentos piscina
      policia ventilador minutos música fumando familia cobrar cobra depositar técnico depósito
      está estamos vez dias fui nada rápido reembolso estacionar ser era ver dar parece nunca
      gente paga pagamos menos mesa real tal legal final total hospital favor ano anos este estar
      será apenas código banco enviar visitas cheques atrás subir lavar secar comer dormir vivo
      vive sabemos entender buscar busco encontrar corte multas transferencia manda frio fria
      tranquilo mano visita devolver podia lado dentro grande responder somos errado colocar botar
      tirar usar cara academia perdi tio sabia seria marco máquina coco chao
      """;

  /** Fillers and acknowledgements, listed so spelling rules never read a language into them. */
  private static final String NO_LANGUAGE =
      """
      hmm hm mm mmm k kk ok okk
      """;

  /**
   * Exact weights (English, Spanish, Portuguese) for words the languages share with different
   * frequency in SMS, and for accent pairs whose accented and plain spellings differ in meaning.
   * "no" is equal in Spanish and English so that a lone "no" stays unknown; Spanish asks "a qué
   * hora" and Portuguese "que horas"; a lone "ñ" is Portuguese shorthand for "não".
   */
  private static final String OVERRIDES =
      """
      don       0.0 0.8 0.0
      ay        0.0 1.0 0.0
      no        1.0 1.0 0.8
      a         0.0 0.0 0.0
      to        1.0 0.0 0.8
      do        1.0 0.0 1.0
      da        0.0 0.4 1.5
      so        0.8 0.0 0.8
      só        0.0 0.0 2.0
      ate       0.4 0.0 1.2
      me        0.7 0.7 0.5
      se        0.0 0.6 0.6
      te        0.0 1.0 0.6
      nos       0.0 0.7 0.7
      o         0.0 0.3 1.5
      e         0.0 0.2 1.5
      os        0.0 0.2 1.5
      as        0.5 0.0 1.0
      pro       0.3 0.0 1.5
      he        1.2 0.8 0.0
      has       1.5 0.5 0.0
      ha        0.5 0.5 0.0
      mas       0.0 0.6 1.2
      más       0.0 2.0 0.0
      pero      0.0 1.5 0.0
      y         0.2 2.0 0.0
      u         1.5 0.2 0.0
      ya        0.3 2.0 0.0
      la        0.0 2.0 0.3
      tu        0.0 1.0 0.5
      ja        0.0 0.5 1.5
      ta        0.0 0.4 1.2
      tb        0.0 0.5 1.5
      msg       0.5 0.5 1.0
      ñ         0.0 0.0 2.0
      son       0.8 1.5 0.0
      sin       0.3 1.5 0.0
      come      1.5 0.3 0.3
      sale      0.5 1.0 0.0
      plan      0.8 0.8 0.0
      once      1.0 0.5 0.0
      tan       0.2 1.2 0.0
      ola       0.0 0.6 0.6
      bebe      0.0 1.0 0.4
      bebé      0.0 2.0 0.0
      pagado    0.0 0.6 0.6
      algo      0.0 1.0 0.4
      esta      0.0 1.2 0.4
      estas     0.0 0.6 0.6
      mudar     0.0 0.6 0.6
      mudo      0.0 0.6 0.6
      revisar   0.0 1.5 0.5
      piso      0.0 1.0 0.5
      todavia   0.0 1.5 0.3
      mes       0.0 1.0 0.5
      hora      0.0 1.0 0.6
      horas     0.0 0.6 1.0
      dia       0.0 0.5 0.8
      día       0.0 1.5 0.0
      ai        0.0 0.0 1.5
      ahi       0.0 1.5 0.5
      aqui      0.0 0.6 0.6
      aquí      0.0 1.0 0.0
      porque    0.0 0.7 0.7
      pq        0.0 0.6 0.6
      q         0.0 0.5 0.5
      tres      0.0 1.5 0.7
      dos       0.0 1.0 1.0
      esposo    0.0 1.5 0.7
      perfecto  0.0 2.0 0.0
      cerca     0.0 1.5 0.5
      hehe      0.0 0.6 0.6
      eh        0.6 0.0 0.6
      seu       0.0 0.8 0.8
      okay      0.8 0.0 0.0
      manager   1.0 0.0 0.0
      queria    0.0 1.0 1.5
      entendi   0.0 1.0 1.5
      pequeno   0.0 0.5 1.5
      dona      0.0 0.6 1.2
      lavanderia 0.0 1.0 1.5
      queda     0.0 1.5 0.5
      pague     0.0 1.5 0.4
      mande     0.0 1.2 0.8
      pegar     0.0 0.5 1.5
      camera    1.0 0.0 0.8
      ok        0.0 0.0 0.0
      """;

  private static final Map<String, Weights> WORDS = build();

  private Lexicon() {}

  /** Weights of a lower-case word, trying it as typed and then without accents; null if absent. */
  static Weights lookup(String lower) {
    Weights exact = WORDS.get(lower);
    if (exact != null) {
      return exact;
    }
    String folded = fold(lower);
    return folded == lower ? null : WORDS.get(folded);
  }

  /** Removes the accents used in Spanish and Portuguese; returns the same instance if none. */
  static String fold(String lower) {
    char[] chars = null;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      char plain = plain(c);
      if (plain != c) {
        if (chars == null) {
          chars = lower.toCharArray();
        }
        chars[i] = plain;
      }
    }
    return chars == null ? lower : new String(chars);
  }

  private static char plain(char c) {
    return switch (c) {
      case 'á', 'à', 'â', 'ã', 'ä' -> 'a';
      case 'é', 'è', 'ê', 'ë' -> 'e';
      case 'í', 'ì', 'î', 'ï' -> 'i';
      case 'ó', 'ò', 'ô', 'õ', 'ö' -> 'o';
      case 'ú', 'ù', 'û', 'ü' -> 'u';
      case 'ç' -> 'c';
      case 'ñ' -> 'n';
      default -> c;
    };
  }

  private static Map<String, Weights> build() {
    Map<String, Weights> words = new HashMap<>();
    add(words, new Weights(2.0, 0, 0), EN_STRONG);
    add(words, new Weights(1.5, 0, 0), EN_CLEAR);
    add(words, new Weights(1.0, 0, 0), EN_WEAK);
    add(words, new Weights(0, 2.0, 0), ES_STRONG);
    add(words, new Weights(0, 1.5, 0), ES_CLEAR);
    add(words, new Weights(0, 1.0, 0), ES_WEAK);
    add(words, new Weights(0, 0, 2.0), PT_STRONG);
    add(words, new Weights(0, 0, 1.5), PT_CLEAR);
    add(words, new Weights(0, 0, 1.0), PT_WEAK);
    add(words, Weights.NONE, NO_LANGUAGE);
    // Shared and exact weights go last so they win over whatever a single-language list said.
    for (String word : SHARED_ES_PT.strip().split("\\s+")) {
      Weights old = words.getOrDefault(word, Weights.NONE);
      words.put(word, new Weights(old.en(), SHARED, SHARED));
    }
    for (String row : OVERRIDES.strip().split("\n")) {
      String[] cells = row.strip().split("\\s+");
      words.put(
          cells[0],
          new Weights(
              Double.parseDouble(cells[1]),
              Double.parseDouble(cells[2]),
              Double.parseDouble(cells[3])));
    }
    return Map.copyOf(withUnaccentedSpellings(words));
  }

  private static Map<String, Weights> withUnaccentedSpellings(Map<String, Weights> words) {
    Map<String, Weights> derived = new HashMap<>();
    for (Map.Entry<String, Weights> entry : words.entrySet()) {
      String folded = fold(entry.getKey());
      if (!folded.equals(entry.getKey()) && !words.containsKey(folded)) {
        derived.merge(folded, entry.getValue(), Weights::max);
      }
    }
    Map<String, Weights> all = new HashMap<>(words);
    all.putAll(derived);
    return all;
  }

  private static void add(Map<String, Weights> words, Weights weights, String list) {
    for (String word : list.strip().split("\\s+")) {
      words.merge(word, weights, Weights::max);
    }
  }
}
