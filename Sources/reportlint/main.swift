print("reportlint")
